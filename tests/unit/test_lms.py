"""LMS exports: names each layout gives, rosters, late penalties, one submission per student,
the gradebook's rows and the import file an LMS reads back."""

from __future__ import annotations

import csv
import tempfile
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from autograder.errors import UserError
from autograder.lab import find_lab
from autograder.lms.class_rows import class_rows
from autograder.lms.export import write_lms_import
from autograder.lms.gradescope_export import METADATA_NAME, read_metadata
from autograder.lms.late import LatePolicy, late_policy
from autograder.lms.layouts import Identity, identify, is_blackboard_receipt, receipt_names
from autograder.lms.roster import match, name_keys, read_roster
from autograder.lms.selection import one_per_student
from autograder.submissions import read_class
from tests.conftest import REPO, TOY_COURSE
from tests.unit.result_factory import make_result

DUE = datetime(2026, 10, 5, 23, 59)


# --- layouts ---------------------------------------------------------------------------------

def test_canvas_names_give_login_user_id_lateness_and_attempt():
    first = identify("smithjohn_12345_6789012_weight_init.ipynb")
    assert (first.layout, first.key, first.lms_id, first.login, first.late, first.attempt) == (
        "canvas", "canvas:12345", "12345", "smithjohn", False, 0)
    again = identify("smithjohn_12345_6789012_weight_init-2.ipynb")
    assert again.key == first.key and again.attempt == 2
    late = identify("kimbo_LATE_12348_6789015_weight_init.py")
    assert late.late and late.lms_id == "12348" and late.submitted_at is None
    assert identify("kimbo_late_12348_6789015_weight_init.py").late


def test_moodle_folders_and_files_give_name_and_participant():
    folder = identify("John Smith_101_assignsubmission_file_")
    assert (folder.layout, folder.key, folder.name, folder.lms_id) == ("moodle", "moodle:101", "John Smith", "101")
    assert identify("Jane Doe_102_assignsubmission_file_weight_init.ipynb").key == "moodle:102"


def test_blackboard_names_give_login_and_time_and_receipts_are_metadata(tmp_path: Path):
    identity = identify("Lab 04_jsmith_attempt_2026-10-05-21-00-00_weight_init.ipynb")
    assert (identity.layout, identity.login, identity.submitted_at) == ("blackboard", "jsmith", datetime(2026, 10, 5, 21))
    receipt = tmp_path / "Lab 04_jsmith_attempt_2026-10-05-21-00-00.txt"
    receipt.write_text("Name: John Smith (jsmith)\nAssignment: Lab 04\n")
    assert is_blackboard_receipt(receipt) and not is_blackboard_receipt(tmp_path / "notes.txt")
    assert receipt_names(tmp_path) == {"jsmith": "John Smith"}


@pytest.mark.parametrize("name", ["alice.ipynb", "bob", "frank.zip", "notes.txt", "12345_weight_init.py", "a_b_c.py"])
def test_plain_names_carry_no_lms_identity(name: str):
    assert identify(name) is None


def test_hostile_names_are_neutralised_and_bounded():
    moodle = identify("\x1b[31mEvil\x1b[0m\u202e_7_assignsubmission_file_")
    assert moodle is not None and "\x1b" not in moodle.name and "\u202e" not in moodle.name
    assert identify("X" * 5000 + "_1_2_f.py").login == "x" * 5000
    assert identify("Lab_" + "_" * 3000 + "attempt_2026-10-05-21-00-00_f.py") is None  # no login between the underscores


def test_an_identity_survives_a_round_trip_through_a_result_record():
    identity = Identity("blackboard", "blackboard:jsmith", login="jsmith", name="John Smith", submitted_at=datetime(2026, 10, 5, 21), late=True)
    again = Identity.from_record(identity.as_record(), "jsmith")
    assert (again.login, again.name, again.submitted_at, again.late) == ("jsmith", "John Smith", datetime(2026, 10, 5, 21), True)


# --- late work -------------------------------------------------------------------------------

def test_days_late_count_every_started_day_after_due_plus_grace():
    policy = LatePolicy(DUE, percent_per_day=10, cap_percent=30, grace_minutes=15)
    assert policy.days_late(DUE + timedelta(minutes=15), False) == 0
    assert policy.days_late(DUE + timedelta(minutes=16), False) == 1
    assert policy.days_late(DUE + timedelta(days=1, minutes=16), False) == 2
    assert policy.days_late(DUE - timedelta(days=3), False) == 0
    assert policy.days_late(None, True) == 1 and policy.days_late(None, False) == 0


def test_penalty_is_a_share_of_the_maximum_capped_and_never_below_zero():
    policy = LatePolicy(DUE, percent_per_day=10, cap_percent=30)
    assert policy.penalty(20, 20, 1) == pytest.approx(2)
    assert policy.penalty(20, 20, 9) == pytest.approx(6)  # the cap
    assert policy.penalty(1, 20, 2) == pytest.approx(1)  # at most the raw score


def test_times_without_a_zone_are_read_in_the_due_dates_zone():
    due = datetime(2026, 10, 5, 23, 59, tzinfo=timezone(timedelta(hours=2)))
    assert LatePolicy(due).days_late(datetime(2026, 10, 6, 0, 30), False) == 1


@pytest.mark.parametrize("arguments, message", [
    (("yesterday", 10, 100, 0), "--due 'yesterday' is not a date"),
    (("2026-10-05", -1, 100, 0), "--late-penalty -1"),
    (("2026-10-05", 10, 150, 0), "--late-cap 150"),
    (("2026-10-05", 10, 100, float("nan")), "--grace-minutes nan"),
])
def test_bad_late_options_are_one_line_each(arguments, message):
    with pytest.raises(UserError, match=message):
        late_policy(*arguments)


# --- rosters and matching --------------------------------------------------------------------

CANVAS_ROSTER = (
    "Student,ID,SIS User ID,SIS Login ID,Section,Lab 00 Toy lab for the grader's own tests (77),Current Score\n"
    "    Points Possible,,,,,5.00,\n"
    '"Smith, John",12345,s001,smithjohn,DL,,\n"Doe, Jane",12346,s002,doejane,DL,,\n"Park, Chris",12349,s005,parkchris,DL,,\n'
    '"Student, Test",12350,,,DL,,\n'
)


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_a_canvas_roster_skips_points_possible_and_the_test_student(tmp_path: Path):
    roster = read_roster(write(tmp_path / "r.csv", CANVAS_ROSTER))
    assert roster.kind == "canvas"
    assert [(s.lms_id, s.login, s.name) for s in roster.students] == [
        ("12345", "smithjohn", "Smith, John"), ("12346", "doejane", "Doe, Jane"), ("12349", "parkchris", "Park, Chris")]
    assert roster.grade_column("00_toy", "Toy lab for the grader's own tests") == "Lab 00 Toy lab for the grader's own tests (77)"


def test_a_moodle_worksheet_gives_participant_ids(tmp_path: Path):
    roster = read_roster(write(tmp_path / "r.csv", "Identifier,Full name,Email address,Grade\nParticipant 101,John Smith,js@x.edu,\n"))
    assert roster.kind == "moodle" and roster.students[0].lms_id == "101" and roster.grade_column("04", "x") == "Grade"


@pytest.mark.parametrize("text, message", [
    ("a,b\n1,2\n", "has no student column"),
    ("", "has no student column"),
])
def test_unreadable_rosters_are_one_line(tmp_path: Path, text: str, message: str):
    with pytest.raises(UserError, match=message):
        read_roster(write(tmp_path / "r.csv", text))
    with pytest.raises(UserError, match="is not a file"):
        read_roster(tmp_path / "absent.csv")


def test_matching_by_id_then_login_then_name_in_either_order(tmp_path: Path):
    roster = read_roster(write(tmp_path / "r.csv", CANVAS_ROSTER))
    by_id = identify("whoever_12346_1_f.py")
    assert match(roster, by_id, "whoever").login == "doejane"
    assert match(roster, None, "smithjohn").lms_id == "12345"
    assert match(roster, Identity("moodle", "moodle:9", "9", name="John Smith"), "John_Smith").lms_id == "12345"
    assert match(roster, None, "nobody") is None
    assert name_keys("Smith, John") == name_keys("John Smith") == {"smithjohn", "johnsmith"}


def test_an_ambiguous_name_matches_nobody(tmp_path: Path):
    roster = read_roster(write(tmp_path / "r.csv", "name,email\nAnn Lee,a1@x.edu\nAnn Lee,a2@x.edu\n"))
    assert match(roster, None, "Ann_Lee") is None


# --- one submission per student --------------------------------------------------------------

def test_the_latest_submission_is_kept_by_time_then_attempt():
    names = [
        "Lab_jsmith_attempt_2026-10-03-09-00-00_f.py", "Lab_jsmith_attempt_2026-10-05-20-00-00_f.ipynb",
        "leeann_12347_1_f.py", "leeann_12347_2_f-1.ipynb", "alice.ipynb",
    ]
    kept, superseded = one_per_student(names, identify, str)
    assert sorted(kept) == sorted(["Lab_jsmith_attempt_2026-10-05-20-00-00_f.ipynb", "leeann_12347_2_f-1.ipynb", "alice.ipynb"])
    assert sorted(old for old, _ in superseded) == ["Lab_jsmith_attempt_2026-10-03-09-00-00_f.py", "leeann_12347_1_f.py"]
    first, _ = one_per_student(names, identify, str, keep="first")
    assert "Lab_jsmith_attempt_2026-10-03-09-00-00_f.py" in first
    with pytest.raises(UserError, match="--keep best"):
        one_per_student(names, identify, str, keep="best")


# --- gradebook rows and the import file ------------------------------------------------------

def test_rows_apply_the_penalty_and_list_missing_and_unmatched(tmp_path: Path):
    roster = read_roster(write(tmp_path / "r.csv", CANVAS_ROSTER))
    late = make_result(student="smithjohn", score=5.0, max_score=5.0, submitter=identify("smithjohn_LATE_12345_1_f.py").as_record())
    stranger = make_result(student="zed", score=3.0, max_score=5.0)
    rows = {row.student: row for row in class_rows([late, stranger], roster, LatePolicy(DUE, 10))}
    assert (rows["smithjohn"].raw_score, rows["smithjohn"].penalty, rows["smithjohn"].score, rows["smithjohn"].late_days) == (5.0, 0.5, 4.5, 1)
    assert rows["zed"].roster_state == "unmatched" and rows["zed"].score == 3.0
    assert {name: row.status for name, row in rows.items() if row.result is None} == {"doejane": "missing", "parkchris": "missing"}


def test_the_canvas_import_file_has_its_identity_columns_the_lab_column_and_rounded_scores(tmp_path: Path):
    lab = find_lab("00", TOY_COURSE)
    roster = read_roster(write(tmp_path / "r.csv", CANVAS_ROSTER.replace("Doe, Jane", "=HYPERLINK(1)")))
    result = make_result(student="smithjohn", score=4.0 / 3.0, max_score=5.0, submitter=identify("smithjohn_12345_1_f.py").as_record())
    path = write_lms_import(lab, class_rows([result], roster), roster, tmp_path, decimals=2)
    assert path.name == "canvas_import.csv"
    rows = list(csv.reader(path.open()))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Lab 00 Toy lab for the grader's own tests (77)"]
    assert rows[1] == ["Smith, John", "12345", "s001", "smithjohn", "DL", "1.33"]
    assert rows[2][0] == "'=HYPERLINK(1)" and rows[2][-1] == ""  # neutralised, and no submission: left for Canvas
    assert len(rows) == 4


def test_a_moodle_import_keeps_every_worksheet_column(tmp_path: Path):
    lab = find_lab("00", TOY_COURSE)
    roster = read_roster(write(tmp_path / "r.csv", "Identifier,Full name,Email address,Grade,Feedback comments\nParticipant 7,Ann Lee,a@x.edu,,\n"))
    result = make_result(student="Ann_Lee", score=5.0, max_score=5.0, submitter=identify("Ann Lee_7_assignsubmission_file_").as_record())
    path = write_lms_import(lab, class_rows([result], roster), roster, tmp_path, decimals=1)
    assert list(csv.reader(path.open())) == [
        ["Identifier", "Full name", "Email address", "Grade", "Feedback comments"], ["Participant 7", "Ann Lee", "a@x.edu", "5.0", ""]]


# --- Gradescope's export ----------------------------------------------------------------------

def test_gradescope_metadata_names_each_folders_submitter_and_time(tmp_path: Path):
    (tmp_path / METADATA_NAME).write_text(
        'submission_7:\n  ":submitters":\n  - ":name": Ann Lee\n    ":sid": "42"\n    ":email": ann@x.edu\n'
        '  - ":name": Ben Ode\n    ":sid": "43"\n  ":created_at": 2026-10-06 10:30:00.123456789 -07:00\n'
        'submission_8:\n  ":submitters": []\n'
    )
    identities = read_metadata(tmp_path)
    assert set(identities) == {"submission_7"}
    ann = identities["submission_7"]
    assert (ann.key, ann.lms_id, ann.login, ann.name) == ("gradescope:42", "42", "", "Ann Lee (with Ben Ode)")
    assert ann.submitted_at.utcoffset() == timedelta(hours=-7) and ann.submitted_at.hour == 10


@pytest.mark.parametrize("text", [
    'a: &x ["lol", "lol"]\nb: [*x, *x, *x]\n',  # aliases (the billion laughs) are refused
    "[1, 2, 3]\n", "{{{{", "submission_1: 5\n", "",
])
def test_unreadable_gradescope_metadata_leaves_the_folders_plain(tmp_path: Path, text: str):
    (tmp_path / METADATA_NAME).write_text(text)
    found = read_metadata(tmp_path)
    assert not found


# --- a whole class downloaded as one zip -------------------------------------------------------

def zip_folder(folder: Path, path: Path, wrapper: str = "") -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, f"{wrapper}{file.relative_to(folder).as_posix()}")
    return path


@pytest.mark.parametrize("layout, wrapper", [("canvas", ""), ("blackboard", ""), ("moodle", ""), ("gradescope", "assignment_7_export/")])
def test_an_lms_download_zip_reads_as_its_folder(tmp_path: Path, layout: str, wrapper: str):
    folder = REPO / "examples" / "lms" / layout
    zipped = read_class(zip_folder(folder, tmp_path / "submissions.zip", wrapper), "weight_init.ipynb")
    unzipped = read_class(folder, "weight_init.ipynb")
    assert [(s.student, s.sha256, s.identity) for s in zipped.submissions] == [(s.student, s.sha256, s.identity) for s in unzipped.submissions]
    assert zipped.superseded == unzipped.superseded
    assert not list(Path(tempfile.gettempdir()).glob("autograder-class-*")), "the unpacked class is removed"


def test_one_students_zip_stays_one_submission(tmp_path: Path):
    path = tmp_path / "alice.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("alice/weight_init.ipynb", (REPO / "examples" / "lab04" / "alice.ipynb").read_bytes())
        archive.writestr("alice/notes.py", "x = 1\n")
    assert [s.student for s in read_class(path, "weight_init.ipynb").submissions] == ["alice"]


@pytest.mark.parametrize("member, message", [
    ("../escape_1_2_toy.py", "outside the archive"),
    ("/etc/evil_1_2_toy.py", "outside the archive"),
])
def test_a_class_zip_with_a_path_outside_it_is_refused(tmp_path: Path, member: str, message: str):
    path = tmp_path / "submissions.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("ann_1_10_toy.py", "ben_2_20_toy.py", member):
            archive.writestr(name, "def add(a, b):\n    return a + b\n")
    with pytest.raises(UserError, match=message):
        read_class(path, "toy.ipynb")


def test_a_class_zip_bomb_is_refused_when_decompressed_bytes_pass_the_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import autograder.submissions as submissions

    monkeypatch.setattr(submissions, "MAX_CLASS_BYTES", 1 << 20)
    path = tmp_path / "submissions.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ann_1_10_toy.py", "def add(a, b):\n    return a + b\n")
        archive.writestr("ben_2_20_toy.py", "#" * (4 << 20))  # 4 MB that compress to a few KB
    assert path.stat().st_size < 100_000
    with pytest.raises(UserError, match="decompresses to more than"):
        read_class(path, "toy.ipynb")
