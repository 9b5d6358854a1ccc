"""Every lab in the course: notebook up to date, and validated by grading (solution, skeleton, mutants)."""

from __future__ import annotations

import pytest

from autograder.lab import all_labs
from autograder.mutants import load_mutants
from autograder.notebooks.generate import is_stale
from autograder.validate import validate_lab

LABS = all_labs()


def test_the_course_has_labs():
    assert LABS, "no labs found under labs/"


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.id)
def test_student_notebook_is_generated_from_its_source(lab):
    assert not is_stale(lab), f"run: python -m autograder generate {lab.id}"


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.id)
def test_lab_has_a_wrong_answer_set(lab):
    assert len(load_mutants(lab)) >= 4


@pytest.mark.slow
@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.id)
def test_lab_validates(lab):
    """Graded as `grade` does: sandboxed, warm workers, one grading process per core."""
    failures = [f"{check.name}: {check.detail}" for check in validate_lab(lab) if not check.ok]
    assert not failures, "\n".join(failures)
