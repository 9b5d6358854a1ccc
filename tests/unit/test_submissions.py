"""Finding one submission per student in a class folder."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from autograder.errors import UserError
from autograder.submissions import Submission, discover, student_id

NOTEBOOK = "toy.ipynb"


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def by_student(rows: list[Submission]) -> dict[str, Submission]:
    return {row.student: row for row in rows}


def test_loose_files(tmp_path):
    (tmp_path / "alice.ipynb").write_bytes(b'{"nb": 1}')
    (tmp_path / "bob.py").write_bytes(b"def f(): pass\n")
    rows = discover(tmp_path, NOTEBOOK)
    assert [(r.student, r.source_name, r.content, r.problem) for r in rows] == [
        ("alice", "alice.ipynb", b'{"nb": 1}', None),
        ("bob", "bob.py", b"def f(): pass\n", None),
    ]


def test_sha256_of_content():
    import hashlib

    assert Submission("a", "a.py", b"xyz").sha256 == hashlib.sha256(b"xyz").hexdigest()


def test_folder_with_a_single_file(tmp_path):
    (tmp_path / "carol").mkdir()
    (tmp_path / "carol" / "whatever_name.py").write_bytes(b"x")
    row, = discover(tmp_path, NOTEBOOK)
    assert (row.student, row.source_name, row.content, row.problem) == ("carol", "carol/whatever_name.py", b"x", None)


def test_folder_picks_the_lab_notebook_among_several(tmp_path):
    folder = tmp_path / "dave"
    (folder / ".ipynb_checkpoints").mkdir(parents=True)
    (folder / "toy.ipynb").write_bytes(b"real")
    (folder / "scratch.ipynb").write_bytes(b"scratch")
    (folder / "helpers.py").write_bytes(b"helpers")
    (folder / ".ipynb_checkpoints" / "toy-checkpoint.ipynb").write_bytes(b"old")
    row, = discover(tmp_path, NOTEBOOK)
    assert row.problem is None
    assert row.content == b"real" and row.source_name == "dave/toy.ipynb"


def test_folder_picks_the_only_notebook_next_to_py_files(tmp_path):
    folder = tmp_path / "erin"
    folder.mkdir()
    (folder / "my_lab.ipynb").write_bytes(b"nb")
    (folder / "utils.py").write_bytes(b"py")
    row, = discover(tmp_path, NOTEBOOK)
    assert row.problem is None and row.content == b"nb"


def test_folder_ignores_checkpoints_hidden_files_and_pycache(tmp_path):
    folder = tmp_path / "frank"
    for junk in [".ipynb_checkpoints/toy-checkpoint.ipynb", ".hidden.py", ".git/x.py", "__pycache__/m.py", "notes.txt"]:
        (folder / junk).parent.mkdir(parents=True, exist_ok=True)
        (folder / junk).write_bytes(b"junk")
    (folder / "sub").mkdir()
    (folder / "sub" / "lab.py").write_bytes(b"mine")
    row, = discover(tmp_path, NOTEBOOK)
    assert row.problem is None and row.content == b"mine" and row.source_name == "frank/sub/lab.py"


def test_folder_with_ambiguous_files_is_a_problem(tmp_path):
    folder = tmp_path / "gina"
    folder.mkdir()
    (folder / "a.ipynb").write_bytes(b"a")
    (folder / "b.ipynb").write_bytes(b"b")
    row, = discover(tmp_path, NOTEBOOK)
    assert row.content == b"" and row.problem
    assert "a.ipynb" in row.problem and "b.ipynb" in row.problem and NOTEBOOK in row.problem


def test_empty_folder_is_a_problem(tmp_path):
    (tmp_path / "hank" / ".ipynb_checkpoints").mkdir(parents=True)
    (tmp_path / "hank" / ".ipynb_checkpoints" / "toy-checkpoint.ipynb").write_bytes(b"old")
    row, = discover(tmp_path, NOTEBOOK)
    assert row.student == "hank" and "no .ipynb or .py" in row.problem


def test_hidden_and_ignored_top_level_entries_are_skipped(tmp_path):
    (tmp_path / ".DS_Store").write_bytes(b"junk")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "x.ipynb").write_bytes(b"junk")
    (tmp_path / "ivy.ipynb").write_bytes(b"ok")
    assert [r.student for r in discover(tmp_path, NOTEBOOK)] == ["ivy"]


def test_zip_submission(tmp_path):
    make_zip(tmp_path / "jack.zip", {"jack/toy.ipynb": b"zipped", "jack/data.csv": b"1,2"})
    row, = discover(tmp_path, NOTEBOOK)
    assert (row.student, row.content, row.problem) == ("jack", b"zipped", None)
    assert row.source_name == "jack.zip/jack/toy.ipynb"


def test_zip_with_macosx_junk(tmp_path):
    make_zip(tmp_path / "kim.zip", {
        "toy.ipynb": b"good",
        "__MACOSX/._toy.ipynb": b"resource fork",
        "__MACOSX/toy.ipynb": b"resource fork",
        "._toy.ipynb": b"apple double",
        ".ipynb_checkpoints/toy-checkpoint.ipynb": b"old",
    })
    row, = discover(tmp_path, NOTEBOOK)
    assert row.problem is None and row.content == b"good"


def test_zip_without_notebook_is_a_problem(tmp_path):
    make_zip(tmp_path / "lee.zip", {"readme.txt": b"hi"})
    row, = discover(tmp_path, NOTEBOOK)
    assert row.student == "lee" and "no .ipynb or .py" in row.problem


def test_corrupt_zip_is_a_problem_row(tmp_path):
    (tmp_path / "mia.zip").write_bytes(b"PK\x03\x04 definitely not a zip")
    row, = discover(tmp_path, NOTEBOOK)
    assert row.student == "mia" and row.content == b""
    assert "not a readable zip" in row.problem


def test_zip_with_bad_crc_is_a_problem_row(tmp_path):
    path = make_zip(tmp_path / "ned.zip", {"toy.ipynb": b"A" * 100})
    data = path.read_bytes().replace(b"A" * 100, b"B" * 100)  # stored, so the bytes are in place
    path.write_bytes(data)
    row, = discover(tmp_path, NOTEBOOK)
    assert row.problem and "zip" in row.problem


def patched_zip(path: Path, local_offset: int, central_offset: int, value: int, or_bits: bool) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("toy.ipynb", b"{}")
    data = bytearray(buffer.getvalue())
    for signature, offset in ((b"PK\x03\x04", local_offset), (b"PK\x01\x02", central_offset)):
        at = data.find(signature) + offset
        data[at] = data[at] | value if or_bits else value
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("kind", ["encrypted", "unknown-compression"])
def test_unreadable_zip_member_is_a_problem_row(tmp_path, kind):
    if kind == "encrypted":
        patched_zip(tmp_path / "oli.zip", 6, 8, 0x01, or_bits=True)
    else:
        patched_zip(tmp_path / "oli.zip", 8, 10, 99, or_bits=False)
    row, = discover(tmp_path, NOTEBOOK)
    assert row.student == "oli" and row.problem


@pytest.mark.parametrize("name", ["essay.txt", "photo.png", "README"])
def test_junk_file_gets_a_problem_row(tmp_path, name):
    (tmp_path / name).write_bytes(b"junk")
    row, = discover(tmp_path, NOTEBOOK)
    assert row.content == b""
    assert "unsupported file type" in row.problem and name in row.problem


def test_several_entries_of_one_name_each_get_a_row_of_their_own(tmp_path):
    (tmp_path / "pat.ipynb").write_bytes(b"one")
    (tmp_path / "pat.py").write_bytes(b"two")
    make_zip(tmp_path / "pat.zip", {"toy.ipynb": b"three"})
    (tmp_path / "quinn.py").write_bytes(b"fine")
    rows = discover(tmp_path, NOTEBOOK)
    assert len(rows) == 4 and len({row.student for row in rows}) == 4
    pats = {row.source_name.split("/")[0]: row for row in rows if row.student.startswith("pat-")}
    assert {name: row.content for name, row in pats.items()} == {"pat.ipynb": b"one", "pat.py": b"two", "pat.zip": b"three"}
    assert by_student(rows)["quinn"].problem is None


def test_names_that_sanitize_alike_keep_distinct_rows(tmp_path):
    """'Ana Lee' cannot take or blank the row of 'Ana_Lee' (whose name is exactly the id)."""
    (tmp_path / "Ana Lee.ipynb").write_bytes(b"1")
    (tmp_path / "Ana_Lee.py").write_bytes(b"2")
    rows = by_student(discover(tmp_path, NOTEBOOK))
    assert rows["Ana_Lee"].content == b"2" and rows["Ana_Lee"].problem is None
    other, = (row for student, row in rows.items() if student != "Ana_Lee")
    assert other.student.startswith("Ana_Lee-") and other.content == b"1"
    again = by_student(discover(tmp_path, NOTEBOOK))
    assert set(again) == set(rows), "ids are stable across runs (resume)"


def test_ids_differing_only_in_case_do_not_share_a_file(tmp_path):
    (tmp_path / "ana.py").write_bytes(b"1")
    (tmp_path / "ANA.py").write_bytes(b"2")
    rows = discover(tmp_path, NOTEBOOK)
    assert len({row.student.lower() for row in rows}) == 2


def test_missing_folder_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        discover(tmp_path / "nope", NOTEBOOK)


def test_one_file_instead_of_a_folder_is_a_class_of_one(tmp_path):
    (tmp_path / "smith_john.ipynb").write_bytes(b'{"nb": 1}')
    (tmp_path / "notes.txt").write_text("not a submission")
    [row] = discover(tmp_path / "smith_john.ipynb", NOTEBOOK)
    assert (row.student, row.source_name, row.content, row.problem) == ("smith_john", "smith_john.ipynb", b'{"nb": 1}', None)
    [junk] = discover(tmp_path / "notes.txt", NOTEBOOK)
    assert junk.problem and "unsupported file type" in junk.problem


def test_one_zip_instead_of_a_folder_is_a_class_of_one(tmp_path):
    archive = make_zip(tmp_path / "carol.zip", {"carol/toy.ipynb": b'{"nb": 2}'})
    [row] = discover(archive, NOTEBOOK)
    assert (row.student, row.content, row.problem) == ("carol", b'{"nb": 2}', None)


def test_a_missing_path_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        discover(tmp_path / "nowhere", NOTEBOOK)


def test_empty_folder_has_no_rows(tmp_path):
    assert discover(tmp_path, NOTEBOOK) == []


def test_oversized_loose_file_is_a_problem(tmp_path, monkeypatch):
    import autograder.submissions as submissions

    monkeypatch.setattr(submissions, "MAX_SUBMISSION_BYTES", 10)
    (tmp_path / "rae.ipynb").write_bytes(b"x" * 11)
    row, = discover(tmp_path, NOTEBOOK)
    assert row.content == b"" and "larger than" in row.problem


def test_oversized_zip_member_is_a_problem(tmp_path, monkeypatch):
    import autograder.submissions as submissions

    monkeypatch.setattr(submissions, "MAX_SUBMISSION_BYTES", 10)
    make_zip(tmp_path / "sam.zip", {"toy.ipynb": b"x" * 11})
    row, = discover(tmp_path, NOTEBOOK)
    assert row.content == b"" and "larger than" in row.problem


@pytest.mark.parametrize(
    "name, expected",
    [
        ("alice", "alice"),
        ("Alice Smith", "Alice_Smith"),
        ("bob@uni.edu", "bob@uni.edu"),
        ("../../etc/passwd", "etc_passwd"),
        ("a/b\\c", "a_b_c"),
        ("  spaced  ", "spaced"),
        ("..", "unnamed"),
        ("", "unnamed"),
        ("Zoë Łukasz", "Zo_ukasz"),
        ("name;rm -rf", "name_rm_-rf"),
    ],
)
def test_student_id_sanitizes(name, expected):
    assert student_id(name) == expected


def test_discovered_student_ids_are_sanitized(tmp_path):
    (tmp_path / "Tom O'Neil (late).ipynb").write_bytes(b"x")
    (tmp_path / "Uma Ray").mkdir()
    (tmp_path / "Uma Ray" / "toy.ipynb").write_bytes(b"y")
    make_zip(tmp_path / "Vic #2.zip", {"toy.ipynb": b"z"})
    students = [r.student for r in discover(tmp_path, NOTEBOOK)]
    assert students == ["Tom_O_Neil_late", "Uma_Ray", "Vic_2"]
    assert all(set(s) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@._-") for s in students)
