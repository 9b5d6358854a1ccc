"""A grading process configures and collects a lab's tests once and runs them per submission,
with pytest's semantics intact: fixtures of every scope end with their submission,
parametrize, raises and markers work, one question can run alone, and a run stopped half way
(Ctrl-C) leaves nothing set up for the next submission."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from autograder.judge import run
from autograder.judge.plugin import LabTestsBroken
from autograder.judge.proxy import Submission
from autograder.judge.run import SESSIONS_KEPT, run_tests
from autograder.results import PASSED
from autograder.worker.local import LocalSession

CONFTEST = '''def pytest_configure(config):
    with open(__file__ + ".log", "a") as log:
        log.write("configure\\n")


def pytest_unconfigure(config):
    with open(__file__ + ".log", "a") as log:
        log.write("unconfigure\\n")


def pytest_runtest_logreport(report):
    if report.when == "call":
        with open(__file__ + ".sections", "a") as log:
            log.write(f"{len(report.sections)}\\n")
'''

TESTS = '''import logging

import pytest

from autograder.testing import question

with open(__file__ + ".log", "a") as log:
    log.write("imported\\n")


@pytest.fixture(scope="module")
def two_plus_two(submission):
    with open(__file__ + ".log", "a") as log:
        log.write("set up\\n")
    yield submission.add(2, 2)
    with open(__file__ + ".log", "a") as log:
        log.write("torn down\\n")


@question("add")
@pytest.mark.parametrize("a, b", [(1, 2), (-1, 1)])
def test_add(submission, a, b):
    """add adds (and logs what it asked, as a test's library call may)."""
    logging.getLogger("keras").warning("asked add(%r, %r)", a, b)
    print(f"asked add({a!r}, {b!r})")
    assert submission.add(a, b) == a + b


@question("add")
def test_add_from_a_module_fixture(two_plus_two):
    """add adds, asked once per module."""
    assert two_plus_two == 4


@question("add")
def test_add_refuses_text(submission):
    """add refuses text."""
    with pytest.raises(Exception):
        submission.add("a", 1)


@question("stop")
def test_stop(submission):
    """stop returns normally, or the grader is interrupted."""
    if submission.stop():
        raise KeyboardInterrupt
'''


def _add(a: Any, b: Any) -> Any:
    if isinstance(a, str):
        raise TypeError("numbers only")
    return a + b


def _wrong_add(a: Any, b: Any) -> Any:
    return a - b


def _unique(tmp_path: Path) -> str:
    """A lab folder name of this test's own: test modules are named after it, and Python keeps
    a module imported under a name for the whole process."""
    return f"lab_{tmp_path.name}"


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    lab_dir = tmp_path / "course" / _unique(tmp_path)
    (lab_dir / "tests" / "hidden").mkdir(parents=True)
    (lab_dir / "tests" / "public").mkdir()
    (lab_dir / "tests" / "public" / "conftest.py").write_text(CONFTEST)
    (lab_dir / "tests" / "public" / "test_public.py").write_text(TESTS)
    return lab_dir


@pytest.fixture(autouse=True)
def no_sessions_kept():
    """Each test starts and ends without a kept session (their lab folders are all different)."""
    yield
    while run._collected:
        run._collected.popitem()[1].close()


def _grade(lab_dir: Path, add: Any, stop: bool = False, only_question: str | None = None) -> dict[str, bool]:
    session = LocalSession({"add": add, "stop": lambda: stop})
    tests = run_tests([lab_dir / "tests" / "public"], lab_dir, Submission(session), session.faults, lab_dir / "tests" / "hidden", only_question)
    return {test.name: test.category == PASSED for test in tests}


def _log(lab_dir: Path, name: str) -> list[str]:
    path = lab_dir / "tests" / "public" / f"{name}.py.log"
    return path.read_text().split() if path.exists() else []


def test_tests_are_imported_and_configured_once_for_a_class(lab: Path):
    verdicts = [_grade(lab, add) for add in (_add, _wrong_add, _add)]
    assert all(verdicts[0].values()) and all(verdicts[2].values())
    assert verdicts[1] == {"test_add[1-2]": False, "test_add[-1-1]": False, "test_add_from_a_module_fixture": False,
                           "test_add_refuses_text": True, "test_stop": True}  # "a" - 1 raises too
    assert _log(lab, "test_public") == ["imported"] + ["set", "up", "torn", "down"] * 3
    assert _log(lab, "conftest") == ["configure"]


def test_one_question_alone_then_all_of_them(lab: Path):
    assert set(_grade(lab, _add, only_question="stop")) == {"test_stop"}
    assert len(_grade(lab, _add)) == 5
    assert set(_grade(lab, _wrong_add, only_question="add")) == {"test_add[1-2]", "test_add[-1-1]", "test_add_from_a_module_fixture", "test_add_refuses_text"}
    assert _log(lab, "conftest") == ["configure"]


def test_an_interrupted_run_tears_down_and_the_next_submission_starts_afresh(lab: Path):
    with pytest.raises(KeyboardInterrupt):
        _grade(lab, _add, stop=True)
    assert _log(lab, "test_public")[-2:] == ["torn", "down"]
    assert _log(lab, "conftest") == ["configure", "unconfigure"]
    assert all(_grade(lab, _add).values())
    assert _log(lab, "conftest") == ["configure", "unconfigure", "configure"]


def test_the_least_recently_used_tests_are_closed_beyond_the_bound(tmp_path: Path):
    labs = []
    for index in range(SESSIONS_KEPT + 1):
        lab_dir = tmp_path / f"course{index}" / f"{_unique(tmp_path)}_{index}"
        (lab_dir / "tests" / "public").mkdir(parents=True)
        (lab_dir / "tests" / "public" / "conftest.py").write_text(CONFTEST)
        (lab_dir / "tests" / "public" / "test_public.py").write_text(TESTS.replace("stop", "halt"))
        labs.append(lab_dir)
        _grade(lab_dir, _add)
    assert len(run._collected) == SESSIONS_KEPT
    assert _log(labs[0], "conftest") == ["configure", "unconfigure"]
    assert all(_log(lab_dir, "conftest") == ["configure"] for lab_dir in labs[1:])


def test_tests_that_cannot_load_are_never_kept(lab: Path):
    (lab / "tests" / "public" / "test_public.py").write_text(TESTS.replace('@question("stop")\n', ""))
    for _ in range(2):
        with pytest.raises(LabTestsBroken, match="has no @question"):
            _grade(lab, _add)
    assert not run._collected
    assert _log(lab, "conftest") == ["configure", "unconfigure"] * 2


def test_what_one_submission_logged_or_printed_never_reaches_the_next(lab: Path):
    for add in (_add, _wrong_add, _add):
        _grade(lab, add)
    sections = (lab / "tests" / "public" / "conftest.py.sections").read_text().split()
    assert sections == ["0"] * 15, "a report carried log or output sections (pytest keeps an item's sections across runs)"
