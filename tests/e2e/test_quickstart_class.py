"""The quick start's job: bulk-grade the bundled lab 04 class, in the sandbox, as the README says."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from tests.conftest import REPO

EXPECTED = {
    "alice": ("20", "graded"),
    "bob": ("16.3333", "graded"),
    "carol": ("20", "graded"),
    "dave": ("17", "syntax-error"),
    "erin": ("0", "graded"),
    "frank": ("18.3529", "graded"),
    "notes": ("0", "unreadable"),
}


@pytest.fixture(scope="module")
def gradebook(tmp_path_factory):
    out = tmp_path_factory.mktemp("quickstart")
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", "04", str(REPO / "examples" / "lab04"), "--out", str(out)],
        capture_output=True, text=True, timeout=900,
    )
    assert completed.returncode == 0, completed.stderr
    return out, completed.stderr


@pytest.mark.slow
def test_every_student_gets_the_expected_row(gradebook):
    gradebook, _ = gradebook
    rows = {row["student"]: (row["score"], row["status"]) for row in csv.DictReader((gradebook / "grades.csv").open())}
    assert rows == EXPECTED


@pytest.mark.slow
def test_feedback_explains_without_leaking_hidden_tests(gradebook):
    gradebook, _ = gradebook
    feedback = (gradebook / "feedback" / "bob.md").read_text()
    assert "hidden test" in feedback and "xavier" in feedback.lower()
    hidden_source = (REPO / "labs" / "04_weight_init" / "tests" / "hidden" / "test_hidden.py").read_text()
    hidden_asserts = [line.strip() for line in hidden_source.splitlines() if line.strip().startswith("assert ") and len(line.strip()) > 30]
    assert not any(line in feedback for line in hidden_asserts)
    assert "not implemented" in (gradebook / "feedback" / "erin.md").read_text()


@pytest.mark.slow
def test_the_terminal_shows_no_tensorflow_start_up_lines(gradebook):
    _, terminal = gradebook
    assert "graded 7 of 7" in terminal
    assert "oneDNN" not in terminal and "absl" not in terminal and "cuda" not in terminal.lower(), terminal
