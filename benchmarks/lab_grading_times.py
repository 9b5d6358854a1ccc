"""Time to grade one submission (the solution) with each lab's public and hidden tests.

    .venv/bin/python benchmarks/lab_grading_times.py [--cold]

Warm workers by default (what `grade` uses). Each lab's solution is graded twice by the same
process: the first grading pays the process's one-time costs (the zygote, TensorFlow's import,
importing the tests); the second is what every later submission of a class costs. "in code s"
is the part of it the worker spent in the submission's code (and the Keras work it asked for);
the rest, "overhead s", is the grader's.
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
    print(f"{'lab':20} {'score':>8} {'tests':>6} {'first s':>8} {'again s':>8} {'in code s':>10} {'overhead s':>11}")
    for lab in all_labs():
        backend = choose_backend(lab, sandbox=True, warm=not args.cold)
        source = solution_source(lab)
        seconds = []
        for _ in range(2):
            started = time.monotonic()
            result = grade_submission(lab, Submission("solution", source.name, source.read_bytes()), backend)
            seconds.append(time.monotonic() - started)
        backend.close()
        print(
            f"{lab.id:20} {result.score:5g}/{result.max_score:<3g} {len(result.tests):6} {seconds[0]:8.1f} {seconds[1]:8.1f}"
            f" {result.student_code_s:10.1f} {seconds[1] - result.student_code_s:11.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
