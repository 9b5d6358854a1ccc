"""How many grading processes a validation or a profile build starts."""

from __future__ import annotations

import pytest

from autograder.executors.local import MIN_ITEMS_PER_PROCESS, auto_jobs


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)


def test_asked_jobs_are_kept_up_to_one_per_item(two_cores):
    assert auto_jobs(3, 100) == 3
    assert auto_jobs(2, 1) == 1
    assert auto_jobs(4, 0) == 1


def test_by_default_one_per_core_for_a_real_lab(two_cores):
    assert auto_jobs(0, 20) == 2  # lab 04: solution, skeleton, 18 mutants


def test_by_default_a_small_lab_stays_in_one_process(two_cores):
    assert auto_jobs(0, 3) == 1
    assert auto_jobs(0, 2 * MIN_ITEMS_PER_PROCESS - 1) == 1
    assert auto_jobs(0, 2 * MIN_ITEMS_PER_PROCESS) == 2
