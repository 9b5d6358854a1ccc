"""Shared fixtures: the toy course and a helper to grade source text against it."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.grading import grade_submission
from autograder.lab import Lab, load_lab
from autograder.results import SubmissionResult
from autograder.submissions import Submission
from autograder.worker.backend import ColdBackend

FIXTURES = Path(__file__).parent / "fixtures"
TOY_COURSE = FIXTURES / "course"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def toy_lab() -> Lab:
    return load_lab(TOY_COURSE / "labs" / "00_toy")


@pytest.fixture
def grade_source(toy_lab: Lab):
    """Grade a .py source text against the toy lab with real worker processes."""

    def grade(source: str, name: str = "student.py") -> SubmissionResult:
        return grade_submission(toy_lab, Submission(Path(name).stem, name, source.encode()), ColdBackend())

    return grade
