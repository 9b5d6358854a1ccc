"""Shared fixtures: the toy course and a helper to grade source text against it."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from autograder.grading import grade_submission
from autograder.lab import Lab, load_lab
from autograder.results import SubmissionResult
from autograder.submissions import Submission
from autograder.worker.backend import ColdBackend
from tests.fixtures.diagnosis_lab import make_diagnosis_lab

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


_DIAGNOSIS_LABS = itertools.count()  # a new lab id per test: pytest caches test modules by name in this process


@pytest.fixture
def diagnosis_lab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Lab:
    """A lab with a solution and two classic mistakes, in a course and a profile cache of its own."""
    monkeypatch.setenv("AUTOGRADER_CACHE", str(tmp_path / "cache"))
    return make_diagnosis_lab(tmp_path / "course", f"00_d{next(_DIAGNOSIS_LABS)}")


@pytest.fixture(autouse=True, scope="session")
def _profile_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Misconception profiles built by the tests go to a folder of the test session's, not to
    the user's cache (a test may still give itself one of its own)."""
    before = os.environ.get("AUTOGRADER_CACHE")
    os.environ["AUTOGRADER_CACHE"] = str(tmp_path_factory.mktemp("profile-cache"))
    yield
    if before is None:
        del os.environ["AUTOGRADER_CACHE"]
    else:
        os.environ["AUTOGRADER_CACHE"] = before
