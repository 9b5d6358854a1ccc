"""Build labs' misconception profiles in this process (one TensorFlow start for them all):

    python -m autograder.diagnosis --labs LAB_DIR... --outs OUT... [--public-only]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from autograder.diagnosis.profiles import build_profiles, save_profiles
from autograder.lab import load_lab
from autograder.sandbox.choose import choose_backend


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labs", type=Path, nargs="+", required=True)
    parser.add_argument("--outs", type=Path, nargs="+", required=True, help="one file per lab, in the same order")
    parser.add_argument("--public-only", action="store_true", help="the public tests' calls only (the student package)")
    args = parser.parse_args()
    if len(args.labs) != len(args.outs):
        parser.error("give one --outs file per lab")
    for lab_dir, out in zip(args.labs, args.outs):
        lab = load_lab(lab_dir)
        backend = choose_backend(lab, sandbox=False)  # the instructor's code only
        try:
            save_profiles(build_profiles(lab, backend, args.public_only), lab, out)
        finally:
            backend.close()


if __name__ == "__main__":
    main()
