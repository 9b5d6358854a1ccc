"""`validate` proves a lab, and refuses a lab an author broke: skeleton, mutant or test layout."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from autograder.commands import generate, validate
from autograder.diagnosis.profiles import profiles_path
from autograder.errors import UserError
from autograder.lab import find_lab

_LAB_NUMBERS = itertools.count()  # a new lab id per test: pytest caches test modules by name in this process

LAB_TOML = """
id = "00_v"
title = "A lab to validate"
version = "1"
notebook = "v.ipynb"

[limits]
call_timeout_s = 5
import_timeout_s = 20
submission_timeout_s = 60
memory_mb = 512

[[questions]]
id = "add"
title = "add"
points = 1

[[questions]]
id = "neg"
title = "neg"
points = 1
"""

SOURCE = """# %% [markdown]
# # A lab

# %%
def add(a, b):
    ### BEGIN SOLUTION
    return a + b
    ### END SOLUTION


# %%
def neg(x):
    ### BEGIN SOLUTION
    return -x
    ### END SOLUTION
"""

TESTS = {
    "public": "from autograder.testing import question\n\n\n@question('add')\ndef test_add(submission):\n    \"\"\"add adds.\"\"\"\n"
    "    assert submission.add(1, 2) == 3\n\n\n@question('neg')\ndef test_neg(submission):\n    \"\"\"neg negates.\"\"\"\n    assert submission.neg(2) == -2\n",
    "hidden": "from autograder.testing import question\n\n\n@question('add')\ndef test_add_more(submission):\n    \"\"\"add adds negatives.\"\"\"\n"
    "    assert submission.add(-1, 1) == 0\n\n\n@question('neg')\ndef test_neg_more(submission):\n    \"\"\"neg of a negative.\"\"\"\n"
    "    assert submission.neg(-3) == 3\n",
}


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    lab_id = f"00_v{next(_LAB_NUMBERS)}"
    lab = tmp_path / "labs" / lab_id
    for part, text in TESTS.items():
        (lab / "tests" / part).mkdir(parents=True)
        (lab / "tests" / part / f"test_{part}.py").write_text(text)
    (lab / "lab.toml").write_text(LAB_TOML.replace('"00_v"', f'"{lab_id}"'))
    solutions = tmp_path / "solutions" / lab_id
    (solutions / "mutants").mkdir(parents=True)
    (solutions / "v.py").write_text(SOURCE)
    (solutions / "mutants" / "add_subtracts.py").write_text("def add(a, b):\n    return a - b\n")
    (solutions / "mutants.toml").write_text('[[mutant]]\nfile = "add_subtracts.py"\nloses = ["add"]\nwhy = "sign"\n')
    monkeypatch.setenv("AUTOGRADER_COURSE_ROOT", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "1000")  # one check per line, unwrapped
    generate.main(lab_id, check_only=False)
    return tmp_path / "labs" / lab_id, lab_id


def _validate(course: tuple[Path, str], capsys: pytest.CaptureFixture[str], jobs: int = 0) -> tuple[int, str]:
    code = validate.main(course[1], sandbox=False, jobs=jobs)
    return code, capsys.readouterr().out


@pytest.mark.parametrize("jobs", [0, 2])
def test_a_sound_lab_validates_with_one_timed_line_per_variant(course, capsys, jobs):
    code, out = _validate(course, capsys, jobs)
    assert code == 0, out
    for line in ("solution scores full marks", "skeleton scores zero", "mutant add_subtracts"):
        assert re.search(rf"ok {line} \(\d+\.\d s\)", out), out
    assert "got add 0/1, neg 1/1" in out
    assert "ok mistake profiles built from these gradings" in out
    assert profiles_path(find_lab(course[1]), build=False) is not None  # kept for `grade`: no second build


def test_with_diagnosis_off_validate_keeps_no_empty_profiles_for_grade(course, capsys, monkeypatch):
    monkeypatch.setenv("AUTOGRADER_DIAGNOSE", "off")  # no answers logged: profiles built now would hold nothing
    code, out = _validate(course, capsys)
    assert code == 1 and "diagnosed as nothing instead of itself alone" in out
    assert profiles_path(find_lab(course[1]), build=False) is None


def test_a_mutant_that_replaces_no_graded_name_fails_validation(course, capsys):
    (course[0].parents[1] / "solutions" / course[1] / "mutants" / "add_subtracts.py").write_text("def sadd(a, b):\n    return a - b\n")
    code, out = _validate(course, capsys)
    assert code == 1
    assert re.search(r"FAIL mutant add_subtracts.*add_subtracts\.py:1: this mutant replaces no definition of the solution; it defines sadd", out), out


def test_a_test_without_a_question_fails_validation_naming_file_and_line(course, capsys):
    hidden = course[0] / "tests" / "hidden" / "test_hidden.py"
    hidden.write_text(hidden.read_text() + "\n\ndef test_orphan(submission):\n    assert submission.neg(0) == 0\n")
    code, out = _validate(course, capsys)
    assert code == 1
    assert re.search(r"FAIL tests load.*test_hidden\.py:16: test test_orphan has no @question", out), out


def test_a_skeleton_that_does_not_parse_fails_generate_and_validate(course, capsys):
    source = course[0].parents[1] / "solutions" / course[1] / "v.py"
    source.write_text(source.read_text().replace("    ### BEGIN SOLUTION\n    return -x", "### BEGIN SOLUTION\n    return -x"))
    for command in (lambda: generate.main(course[1], check_only=False), lambda: validate.main(course[1], sandbox=False)):
        with pytest.raises(UserError, match=r"v\.py, cell 3: the student version does not parse"):
            command()


def test_a_test_without_a_docstring_fails_validation(course, capsys):
    public = course[0] / "tests" / "public" / "test_public.py"
    public.write_text(public.read_text().replace('    """neg negates."""\n', ""))
    code, out = _validate(course, capsys)
    assert code == 1 and "FAIL tests cover every question: public test test_neg has no docstring" in out


def test_a_conftest_above_the_course_never_reaches_grading(course, capsys):
    (course[0].parents[1] / "conftest.py").write_text("raise RuntimeError('a conftest outside the labs was loaded')\n")
    code, out = _validate(course, capsys)
    assert code == 0, out


def _break_lab_conftest(course: tuple[Path, str]) -> None:
    (course[0] / "tests" / "public" / "conftest.py").write_text("import no_such_module_anywhere\n")


def test_a_lab_conftest_that_cannot_load_fails_validation(course, capsys):
    _break_lab_conftest(course)
    code, out = _validate(course, capsys)
    assert code == 1
    assert re.search(r"FAIL tests load.*no_such_module_anywhere", out), out


def test_a_lab_conftest_that_cannot_load_is_not_the_students_fault_in_check(course, capsys):
    from autograder.local_check import check_definitions

    _break_lab_conftest(course)
    capsys.readouterr()
    assert check_definitions(find_lab(course[1]), {"add": lambda a, b: a + b}, [], "") is False
    out = capsys.readouterr().out
    assert re.search(rf"the tests of lab {course[1]} do not load \(.*no_such_module_anywhere.*\); this is not your code", out), out
