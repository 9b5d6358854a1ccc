"""Build labs' misconception profiles (each lab's runs shared by `--jobs` warm grading processes):

    python -m autograder.diagnosis --labs LAB_DIR... --outs OUT... [--public-only] [--jobs N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from autograder.diagnosis.profiles import build_profiles, save_profiles
from autograder.lab import load_lab
from autograder.parent_death import die_with_parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labs", type=Path, nargs="+", required=True)
    parser.add_argument("--outs", type=Path, nargs="+", required=True, help="one file per lab, in the same order")
    parser.add_argument("--public-only", action="store_true", help="the public tests' calls only (the student package)")
    parser.add_argument("--parent", type=int, help="end with this process (the grade or release that asked for the build)")
    parser.add_argument("--jobs", type=int, default=0, help="grading processes (default 0: one per core, fewer for a small lab)")
    args = parser.parse_args()
    if args.parent:
        die_with_parent(args.parent)
    if len(args.labs) != len(args.outs):
        parser.error("give one --outs file per lab")
    if args.jobs < 0:
        parser.error("--jobs must be 0 (one per core) or more")
    for lab_dir, out in zip(args.labs, args.outs):
        lab = load_lab(lab_dir)
        save_profiles(build_profiles(lab, args.jobs, args.public_only), lab, out)


if __name__ == "__main__":
    main()
