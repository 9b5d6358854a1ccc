"""Lab metadata: loading, finding by name, and refusing bad metadata with a UserError."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.errors import UserError
from autograder.judge.session import Limits
from autograder.lab import all_labs, find_lab, load_lab

COURSE = Path(__file__).resolve().parents[1] / "fixtures" / "course"
TOY = COURSE / "labs" / "00_toy"

GOOD = """\
id = "{id}"
title = "A lab"
notebook = "lab.ipynb"

[[questions]]
id = "q1"
points = 2

[[questions]]
id = "q2"
title = "Second"
points = 1.5
"""


def write_lab(root: Path, name: str, text: str | None = None) -> Path:
    folder = root / "labs" / name
    folder.mkdir(parents=True)
    (folder / "lab.toml").write_text(GOOD.format(id=name) if text is None else text)
    return folder


def test_load_toy_lab():
    lab = load_lab(TOY)
    assert lab.id == "00_toy"
    assert lab.title == "Toy lab for the grader's own tests"
    assert lab.version == "1"
    assert lab.notebook == "toy.ipynb"
    assert lab.gpu_helps is False
    assert lab.limits == Limits(call_timeout_s=5.0, import_timeout_s=20.0, submission_timeout_s=60.0, memory_mb=512.0)
    assert [(q.id, q.title, q.points) for q in lab.questions] == [("add", "add(a, b)", 2.0), ("scale", "scale(x, k)", 3.0)]
    assert lab.max_score == 5.0
    assert lab.path == TOY.resolve()
    assert lab.notebook_path == TOY.resolve() / "toy.ipynb"
    assert lab.public_tests == TOY.resolve() / "tests" / "public"
    assert lab.hidden_tests == TOY.resolve() / "tests" / "hidden"
    assert lab.solution_dir == COURSE.resolve() / "solutions" / "00_toy"


def test_question_lookup():
    lab = load_lab(TOY)
    assert lab.question("scale").points == 3.0
    with pytest.raises(UserError, match="no question 'nope'.*add, scale"):
        lab.question("nope")


def test_defaults_for_optional_fields(tmp_path):
    lab = load_lab(write_lab(tmp_path, "01_min"))
    assert lab.version == "1" and lab.gpu_helps is False and lab.limits == Limits()
    assert lab.questions[0].title == "q1" and lab.questions[1].title == "Second"
    assert lab.max_score == 3.5


@pytest.mark.parametrize("name", ["00", "00_toy"])
def test_find_lab_by_number_and_full_name(name):
    assert find_lab(name, root=COURSE).id == "00_toy"


def test_find_lab_by_path():
    assert find_lab(str(TOY), root=Path("/nonexistent")).id == "00_toy"


def test_find_lab_by_relative_path(monkeypatch):
    monkeypatch.chdir(COURSE)
    assert find_lab("labs/00_toy", root=Path("/nonexistent")).id == "00_toy"


def test_find_lab_uses_course_root_env(monkeypatch):
    monkeypatch.setenv("AUTOGRADER_COURSE_ROOT", str(COURSE))
    assert find_lab("00").path == TOY.resolve()


def test_unknown_lab_lists_available_labs(tmp_path):
    write_lab(tmp_path, "01_first")
    write_lab(tmp_path, "02_second")
    (tmp_path / "labs" / "03_not_a_lab").mkdir()
    with pytest.raises(UserError, match="no lab named '09'; available labs: 01_first, 02_second"):
        find_lab("09", root=tmp_path)


def test_unknown_lab_without_labs_folder(tmp_path):
    with pytest.raises(UserError, match="available labs: none"):
        find_lab("01", root=tmp_path)


def test_ambiguous_lab_number_is_refused(tmp_path):
    write_lab(tmp_path, "01_a")
    write_lab(tmp_path, "01_b")
    with pytest.raises(UserError, match="01_a, 01_b"):
        find_lab("01", root=tmp_path)
    assert find_lab("01_b", root=tmp_path).id == "01_b"


def test_all_labs(tmp_path):
    write_lab(tmp_path, "02_b")
    write_lab(tmp_path, "01_a")
    (tmp_path / "labs" / "notes").mkdir()
    assert [lab.id for lab in all_labs(tmp_path)] == ["01_a", "02_b"]


def test_folder_without_lab_toml(tmp_path):
    with pytest.raises(UserError, match="no lab.toml"):
        load_lab(tmp_path)


def test_bad_toml(tmp_path):
    write_lab(tmp_path, "01_bad", "id = \"01_bad\nthis is = not toml [")
    with pytest.raises(UserError, match="not valid TOML"):
        find_lab("01", root=tmp_path)


BASE = 'id = "01_x"\ntitle = "X"\nnotebook = "x.ipynb"\n'


@pytest.mark.parametrize(
    "text, match",
    [
        (BASE, "'questions' must be a list"),
        (BASE + 'questions = "q1"\n', "'questions' must be a list"),
        (BASE + '[[questions]]\ntitle = "no id"\npoints = 1\n', "'id' must be a str"),
        (BASE + "[[questions]]\nid = 5\npoints = 1\n", "'id' must be a str"),
        (BASE + '[[questions]]\nid = "a"\npoints = 1\n[[questions]]\nid = "a"\npoints = 2\n', "unique"),
        (BASE + '[limits]\ncall_timeout = 5\n[[questions]]\nid = "a"\npoints = 1\n', r"unknown limits \['call_timeout'\]"),
        ('title = "X"\nnotebook = "x.ipynb"\n[[questions]]\nid = "a"\npoints = 1\n', "'id' must be a str"),
        ('id = "01_x"\nnotebook = "x.ipynb"\n[[questions]]\nid = "a"\npoints = 1\n', "'title' must be a str"),
        ('id = "01_x"\ntitle = "X"\n[[questions]]\nid = "a"\npoints = 1\n', "'notebook' must be a str"),
    ],
    ids=["no-questions", "questions-not-list", "question-no-id", "question-id-int", "duplicate-ids",
         "unknown-limit", "no-lab-id", "no-title", "no-notebook"],
)
def test_bad_metadata_is_a_user_error(tmp_path, text, match):
    write_lab(tmp_path, "01_x", text)
    with pytest.raises(UserError, match=match):
        find_lab("01_x", root=tmp_path)


@pytest.mark.parametrize("points", ["", 'points = "two"\n'], ids=["missing", "string"])
def test_bad_points_is_a_user_error(tmp_path, points):
    write_lab(tmp_path, "01_x", BASE + '[[questions]]\nid = "a"\n' + points)
    with pytest.raises(UserError, match="points"):
        find_lab("01_x", root=tmp_path)


def test_question_entries_must_be_tables(tmp_path):
    write_lab(tmp_path, "01_x", BASE + 'questions = ["a", "b"]\n')
    with pytest.raises(UserError):
        find_lab("01_x", root=tmp_path)


def test_non_numeric_limit_is_a_user_error(tmp_path):
    write_lab(tmp_path, "01_x", BASE + '[limits]\ncall_timeout_s = "fast"\n[[questions]]\nid = "a"\npoints = 1\n')
    with pytest.raises(UserError):
        find_lab("01_x", root=tmp_path)
