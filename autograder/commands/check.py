"""`check LAB [NOTEBOOK]`: a student runs the public tests on their notebook."""

from __future__ import annotations

from pathlib import Path

from autograder.errors import UserError
from autograder.grading import grade_submission
from autograder.lab import find_lab
from autograder.report.console import print_check
from autograder.submissions import Submission
from autograder.worker.backend import ColdBackend


def main(lab_name: str, notebook: Path | None = None, question: str | None = None) -> int:
    lab = find_lab(lab_name)
    if question is not None:
        lab.question(question)
    path = notebook or lab.notebook_path
    if not path.is_file():
        raise UserError(f"{path} does not exist; pass the notebook you are working on")
    submission = Submission("you", path.name, path.read_bytes())
    result = grade_submission(lab, submission, ColdBackend(), [lab.public_tests], question)
    print_check(result)
    return 0 if result.tests and all(t.passed for t in result.tests) else 1
