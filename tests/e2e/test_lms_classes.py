"""The example classes of examples/lms/ (Canvas, Moodle, Blackboard exports of lab 04) graded
end to end with their rosters and a due date: every row, id, penalty and import-file cell."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

EXAMPLES = REPO / "examples" / "lms"
DUE = ["--due", "2026-10-05T23:59", "--late-penalty", "10", "--grace-minutes", "15"]
BOB = "16.3333"  # examples/lab04/bob.py: loses part of xavier and he


def grade_layout(layout: str, out: Path) -> subprocess.CompletedProcess:
    command = [
        sys.executable, "-m", "autograder", "grade", "04", str(EXAMPLES / layout), "--out", str(out),
        "--roster", str(EXAMPLES / f"{layout}_roster.csv"), *DUE,
    ]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert completed.returncode == 0, completed.stderr
    return completed


def gradebook(out: Path) -> dict[str, dict[str, str]]:
    return {row["student"]: row for row in csv.DictReader((out / "grades.csv").open())}


def table(path: Path) -> list[list[str]]:
    return list(csv.reader(path.open(newline="")))


def view(rows: dict[str, dict[str, str]], *columns: str) -> dict[str, tuple[str, ...]]:
    return {student: tuple(row[c] for c in columns) for student, row in rows.items()}


@pytest.mark.slow
def test_canvas_class(tmp_path: Path):
    completed = grade_layout("canvas", tmp_path)
    rows = gradebook(tmp_path)
    assert view(rows, "score", "raw_score", "penalty", "status", "lms_id", "roster") == {
        "smithjohn": ("20", "20", "0", "graded", "12345", "matched"),
        "doejane": (BOB, BOB, "0", "graded", "12346", "matched"),
        "leeann": ("20", "20", "0", "graded", "12347", "matched"),  # the resubmission (-1) is graded
        "kimbo": ("18", "20", "2", "graded", "12348", "matched"),  # LATE without a time: one day, 10%
        "zorromax": (BOB, BOB, "0", "graded", "99999", "unmatched"),
        "parkchris": ("0", "0", "0", "missing", "12349", "missing"),
    }
    assert rows["smithjohn"]["name"] == "Smith, John" and rows["kimbo"]["late_days"] == "1"
    assert table(tmp_path / "canvas_import.csv") == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Lab 04 Weight initialization (5501)"],
        ["Smith, John", "12345", "s001", "smithjohn", "Deep Learning 2026", "20.00"],
        ["Doe, Jane", "12346", "s002", "doejane", "Deep Learning 2026", "16.33"],
        ["Lee, Ann", "12347", "s003", "leeann", "Deep Learning 2026", "20.00"],
        ["Kim, Bo", "12348", "s004", "kimbo", "Deep Learning 2026", "18.00"],
        ["Park, Chris", "12349", "s005", "parkchris", "Deep Learning 2026", ""],
    ]
    summary = (tmp_path / "summary.html").read_text()
    assert "leeann_12347_6789014_weight_init.py" in summary and "Resubmissions set aside" in summary
    assert "parkchris" in summary and "zorromax" in summary
    assert "1 earlier submission(s) set aside" in completed.stderr and "canvas_import.csv" in completed.stderr


@pytest.mark.slow
def test_moodle_class(tmp_path: Path):
    grade_layout("moodle", tmp_path)
    rows = gradebook(tmp_path)
    assert view(rows, "score", "status", "lms_id", "name", "roster", "late_days") == {
        "John_Smith": ("20", "graded", "101", "John Smith", "matched", "0"),
        "Jane_Doe": (BOB, "graded", "102", "Jane Doe", "matched", "0"),
        "Bo_Kim": ("16", "graded", "104", "Bo Kim", "matched", "2"),  # the worksheet's time: 7 October, 8:30 AM
        "Max_Zorro": (BOB, "graded", "109", "Max Zorro", "unmatched", "0"),  # no worksheet row, no time: no penalty
        "Chris_Park": ("0", "missing", "105", "Chris Park", "missing", "0"),
    }
    assert rows["Bo_Kim"]["submitted_at"] == "2026-10-07T08:30:00"
    imported = table(tmp_path / "moodle_import.csv")
    assert imported[0][:5] == ["Identifier", "Full name", "Email address", "Status", "Grade"]
    assert [(row[0], row[4]) for row in imported[1:]] == [
        ("Participant 101", "20.00"), ("Participant 102", "16.33"), ("Participant 104", "16.00"), ("Participant 105", "")]
    assert imported[1][8] == "'-"  # every cell neutralised, Moodle's "-" included (Moodle ignores that column)


@pytest.mark.slow
def test_blackboard_class(tmp_path: Path):
    grade_layout("blackboard", tmp_path)
    rows = gradebook(tmp_path)
    assert view(rows, "score", "raw_score", "penalty", "late_days", "status", "roster") == {
        "jsmith": ("20", "20", "0", "0", "graded", "matched"),
        "jdoe": (BOB, BOB, "0", "0", "graded", "matched"),
        "alee": ("20", "20", "0", "0", "graded", "matched"),  # the later attempt is graded
        "bkim": ("16", "20", "4", "2", "graded", "matched"),  # 1 day 8 h 16 min after due + grace: 2 days
        "mzorro": (BOB, BOB, "0", "0", "graded", "unmatched"),
        "cpark": ("0", "0", "0", "0", "missing", "missing"),
    }
    assert rows["jsmith"]["submitted_at"] == "2026-10-05T21:00:00" and rows["jsmith"]["name"] == "Smith, John"
    assert "notes" not in rows and not any(name.endswith(".txt") for name in rows)  # receipts are not submissions
    imported = table(tmp_path / "lms_import.csv")
    grade_column = imported[0].index("Lab 04 Weight initialization [Total Pts: 20 Score] |5501")
    assert [(row[2], row[grade_column]) for row in imported[1:]] == [
        ("jsmith", "20.00"), ("jdoe", "16.33"), ("alee", "20.00"), ("bkim", "16.00"), ("cpark", "")]


@pytest.mark.slow
def test_gradescope_class(tmp_path: Path):
    grade_layout("gradescope", tmp_path)
    rows = gradebook(tmp_path)
    assert view(rows, "score", "raw_score", "penalty", "late_days", "status", "lms_id", "roster") == {
        "John_Smith": ("20", "20", "0", "0", "graded", "12345", "matched"),
        "Jane_Doe": (BOB, BOB, "0", "0", "graded", "12346", "matched"),
        "Bo_Kim": ("18", "20", "2", "1", "graded", "12348", "matched"),  # 10 h 31 min late (the metadata's time)
        "Max_Zorro": (BOB, BOB, "0", "0", "graded", "99999", "unmatched"),
        "Chris_Park": ("0", "0", "0", "0", "missing", "12349", "missing"),
    }
    assert rows["Bo_Kim"]["submitted_at"] == "2026-10-06T10:30:00-07:00"
    assert "submission_metadata" not in rows  # the metadata file is not a submission
    imported = table(tmp_path / "lms_import.csv")
    assert imported[0] == ["Full Name", "Email", "SID", "Role", "Weight initialization"]
    assert [row[-1] for row in imported[1:]] == ["20.00", "16.33", "18.00", ""]
