"""Time to grade one submission (the solution) with each lab's public and hidden tests.

    .venv/bin/python benchmarks/lab_grading_times.py [--cold]

Warm workers by default (what `grade` uses); the first lab also pays the zygote's start.
"""

from __future__ import annotations

import argparse
import time

from autograder.grading import grade_submission
from autograder.lab import all_labs
from autograder.notebooks.generate import solution_source
from autograder.sandbox.choose import choose_backend
from autograder.submissions import Submission


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", action="store_true", help="a fresh interpreter per submission")
    args = parser.parse_args()
    print(f"{'lab':20} {'score':>8} {'tests':>6} {'grading s':>10}")
    for lab in all_labs():
        backend = choose_backend(lab, sandbox=True, warm=not args.cold)
        backend_ready = time.monotonic()
        source = solution_source(lab)
        result = grade_submission(lab, Submission("solution", source.name, source.read_bytes()), backend)
        backend.close()
        print(f"{lab.id:20} {result.score:5g}/{result.max_score:<3g} {len(result.tests):6} {time.monotonic() - backend_ready:10.1f}")


if __name__ == "__main__":
    main()
