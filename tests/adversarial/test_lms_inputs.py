"""Attacks through an LMS export: the part of a name a student controls, rosters and receipts.

A student controls the original name of the file they upload (Canvas and Blackboard put it
at the end of the stored name) and their profile's full name (Moodle puts it first). Neither
may take another student's row, id, time or grade, and none of it reaches a CSV cell or the
summary page unneutralised. Rosters and receipts are read within bounds.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from autograder.errors import UserError
from autograder.lab import find_lab
from autograder.lms.class_rows import class_rows
from autograder.lms.export import write_lms_import
from autograder.lms.layouts import MAX_RECEIPT_BYTES, identify, receipt_names
from autograder.lms.roster import MAX_ROSTER_BYTES, match, read_roster
from autograder.report.gradebook import write_gradebook
from autograder.report.summary import write_class_summary
from autograder.submissions import read_class
from tests.conftest import TOY_COURSE
from tests.unit.result_factory import make_result

NOTEBOOK = "toy.ipynb"
CODE = b"def add(a, b):\n    return a + b\n"


def folder_with(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "class"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(CODE)
    return folder


# --- impersonation through the file name a student chose ------------------------------------

def test_a_canvas_upload_named_like_a_classmates_file_stays_the_uploaders(tmp_path: Path):
    folder = folder_with(tmp_path, [
        "victim_12345_100_toy.py",
        "eve_22222_101_victim_12345_999_toy-99.py",  # Eve uploaded "victim_12345_999_toy-99.py"
    ])
    rows = {s.student: s for s in read_class(folder, NOTEBOOK).submissions}
    assert set(rows) == {"victim", "eve"}
    assert rows["eve"].identity.lms_id == "22222" and rows["victim"].identity.lms_id == "12345"
    assert not read_class(folder, NOTEBOOK).superseded, "Eve's upload must not supersede the victim's submission"


def test_a_blackboard_upload_cannot_claim_a_classmates_login_or_a_later_time(tmp_path: Path):
    folder = folder_with(tmp_path, [
        "Lab 04_victim_attempt_2026-10-05-20-00-00_toy.py",
        "Lab 04_eve_attempt_2026-10-01-09-00-00_Lab 04_victim_attempt_2099-01-01-00-00-00_toy.py",
    ])
    classes = read_class(folder, NOTEBOOK)
    rows = {s.student: s for s in classes.submissions}
    assert set(rows) == {"victim", "eve"} and not classes.superseded
    assert rows["eve"].identity.submitted_at.year == 2026


def test_a_moodle_full_name_cannot_carry_a_classmates_participant_id(tmp_path: Path):
    (tmp_path / "class").mkdir()
    for name in ("Victim_101_assignsubmission_file_", "Eve_101_555_assignsubmission_file_"):
        (tmp_path / "class" / name).mkdir()
        (tmp_path / "class" / name / NOTEBOOK.replace(".ipynb", ".py")).write_bytes(CODE)
    rows = {s.student: s for s in read_class(tmp_path / "class", NOTEBOOK).submissions}
    eve = next(s for s in rows.values() if s.source_name.startswith("Eve"))
    assert eve.identity is None or eve.identity.lms_id != "101"
    assert len(rows) == 2


def test_names_that_make_the_same_student_id_keep_separate_rows(tmp_path: Path):
    folder = folder_with(tmp_path, ["smithjohn_1_10_toy.py", "smithjohn_2_20_toy.py", "smithjohn.py"])
    students = [s.student for s in read_class(folder, NOTEBOOK).submissions]
    assert len(students) == len(set(students)) == 3


# --- what reaches a CSV cell or the summary --------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example","x")'


def test_formulas_and_markup_in_names_are_inert_in_every_output(tmp_path: Path):
    lab = find_lab("00", TOY_COURSE)
    identity = identify(f"{FORMULA} <script>alert(1)</script>\x1b[2J_7_assignsubmission_file_")
    assert identity is not None and "\x1b" not in identity.name
    roster_path = tmp_path / "roster.csv"
    roster_path.write_text(f'Identifier,Full name,Email address,Grade\nParticipant 7,"{FORMULA.replace(chr(34), chr(34) * 2)}",@evil,\n')
    roster = read_roster(roster_path)
    result = make_result(student="x", score=5.0, max_score=5.0, submitter=identity.as_record())
    rows = class_rows([result], roster)
    write_gradebook(lab, rows, tmp_path / "grades.csv")
    imported = write_lms_import(lab, rows, roster, tmp_path)
    for path in (tmp_path / "grades.csv", imported):
        for row in csv.reader(path.open(newline="")):
            assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row), (path.name, row)
    summary = write_class_summary(lab, [result], tmp_path, [(f"{FORMULA}<script>", "b")], rows).read_text()
    assert "<script>" not in summary


# --- bounded reading of receipts and rosters -------------------------------------------------

def test_a_receipt_that_is_a_link_is_never_read(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Name: Stolen Secret (eve)\n")
    (tmp_path / "class").mkdir()
    os.symlink(secret, tmp_path / "class" / "Lab 04_eve_attempt_2026-10-05-20-00-00.txt")
    assert receipt_names(tmp_path / "class") == {}


def test_a_huge_receipt_is_read_only_up_to_its_bound(tmp_path: Path):
    receipt = tmp_path / "Lab 04_eve_attempt_2026-10-05-20-00-00.txt"
    receipt.write_bytes(b"x" * (MAX_RECEIPT_BYTES * 4) + b"\nName: Late Name (eve)\n")
    assert receipt_names(tmp_path) == {}
    receipt.write_bytes(b"Name: " + b"A" * 100_000 + b" (eve)\n")  # a name past its bound is not a name
    assert receipt_names(tmp_path) == {}


def test_a_roster_past_its_size_bound_is_refused_in_one_line(tmp_path: Path):
    roster = tmp_path / "roster.csv"
    with roster.open("wb") as handle:
        handle.write(b"name,email\n")
        handle.write(b"a,b\n" * (MAX_ROSTER_BYTES // 4 + 1))
    with pytest.raises(UserError, match="larger than"):
        read_roster(roster)


def test_a_roster_cell_past_csvs_field_limit_is_refused_not_a_crash(tmp_path: Path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email\n" + '"' + "a" * 200_000 + '",b\n')
    try:
        students = read_roster(roster).students
    except UserError as error:
        assert "roster" in str(error)
    else:
        assert len(students[0].name) <= 200


def test_two_roster_students_with_one_name_match_nobody(tmp_path: Path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email\nJohn Smith,j1@x\nJohn Smith,j2@x\n")
    assert match(read_roster(roster), identify("John Smith_5_assignsubmission_file_"), "John_Smith") is None
