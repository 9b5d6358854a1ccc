"""Stored results are reused only while the submission, the lab's version and its tests are the
same; --regrade STUDENT and --regrade-all force a new grade."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TOY_COURSE
from tests.integration.test_bulk_grading import CORRECT, HALF, rows, write_class

HIDDEN = Path("labs/00_toy/tests/hidden/test_hidden.py")


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A copy of the toy course whose tests a test may change."""
    copy = tmp_path / "course"
    shutil.copytree(TOY_COURSE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def grade(course: Path, folder: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "autograder", "grade", "00", str(folder), "--out", str(out), "--jobs", "1", *extra]
    env = {**os.environ, "AUTOGRADER_COURSE_ROOT": str(course)}
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def stamps(out: Path) -> dict[str, int]:
    return {p.stem: p.stat().st_mtime_ns for p in (out / "results").glob("*.json")}


@pytest.fixture
def graded(course: Path, tmp_path: Path) -> tuple[Path, Path]:
    folder, out = tmp_path / "class", tmp_path / "out"
    write_class(folder, {"alice": CORRECT, "bob": HALF, "carol": CORRECT})
    first = grade(course, folder, out)
    assert first.returncode == 0, first.stderr
    return folder, out


def test_a_changed_hidden_test_regrades_everyone_with_the_new_test(course: Path, graded: tuple[Path, Path]):
    folder, out = graded
    assert rows(out)["alice"]["score"] == "5"
    hidden = course / HIDDEN
    hidden.write_text(hidden.read_text().replace("== -3", "== 3"))  # the instructor's fix, same lab version
    again = grade(course, folder, out)
    assert again.returncode == 0 and "graded 3 of 3" in again.stderr, again.stderr
    assert {name: row["add"] for name, row in rows(out).items()} == {"alice": "1", "bob": "0", "carol": "1"}
    recorded = {json.loads((out / "results" / f"{name}.json").read_text())["tests_sha256"] for name in ("alice", "bob")}
    assert len(recorded) == 1 and len(recorded.pop()) == 64


def test_results_stored_before_tests_were_hashed_are_regraded(course: Path, graded: tuple[Path, Path]):
    folder, out = graded
    path = out / "results" / "bob.json"
    stored = json.loads(path.read_text())
    del stored["tests_sha256"]
    path.write_text(json.dumps(stored))
    again = grade(course, folder, out)
    assert "graded 1 of 3" in again.stderr, again.stderr


def test_a_rerun_regrades_nothing_unless_asked_for_one_student_or_all(course: Path, graded: tuple[Path, Path]):
    folder, out = graded
    before = stamps(out)
    again = grade(course, folder, out)
    assert again.returncode == 0 and "graded 0 of 3" in again.stderr, again.stderr
    assert stamps(out) == before
    one = grade(course, folder, out, "--regrade", "bob")
    assert one.returncode == 0 and "graded 1 of 3" in one.stderr, one.stderr
    after = stamps(out)
    assert after["bob"] != before["bob"] and {k: after[k] for k in ("alice", "carol")} == {k: before[k] for k in ("alice", "carol")}
    everyone = grade(course, folder, out, "--regrade-all")
    assert everyone.returncode == 0 and "graded 3 of 3" in everyone.stderr, everyone.stderr
    assert all(stamps(out)[name] != after[name] for name in after)
    assert {name: row["score"] for name, row in rows(out).items()} == {"alice": "5", "bob": "3", "carol": "5"}


def test_regrading_a_student_who_did_not_submit_is_one_clear_line(course: Path, graded: tuple[Path, Path]):
    folder, out = graded
    before = stamps(out)
    refused = grade(course, folder, out, "--regrade", "zed")
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.strip() == "error: --regrade zed: no submission of that student; use a name from the student column of grades.csv"
    assert stamps(out) == before


def test_a_new_due_date_or_roster_changes_the_gradebook_never_the_stored_results(course: Path, graded: tuple[Path, Path], tmp_path: Path):
    folder, out = graded
    before = {p.name: p.read_bytes() for p in (out / "results").glob("*.json")}
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email\nalice,alice@x.edu\nbob,bob@x.edu\ncarol,carol@x.edu\ndan,dan@x.edu\n")
    again = grade(course, folder, out, "--roster", str(roster), "--due", "2000-01-01T00:00")
    assert again.returncode == 0 and "graded 0 of 3" in again.stderr, again.stderr
    assert {p.name: p.read_bytes() for p in (out / "results").glob("*.json")} == before
    assert {name: row["status"] for name, row in rows(out).items()} == {"alice": "graded", "bob": "graded", "carol": "graded", "dan": "missing"}
    assert (out / "lms_import.csv").is_file()
