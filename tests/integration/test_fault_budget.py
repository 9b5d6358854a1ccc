"""A hang or crash costs only its question; grader-side problems never pass a test that catches them."""

from __future__ import annotations

import textwrap

import pytest

from autograder.grading import grade_submission
from autograder.lab import Lab, load_lab
from autograder.submissions import Submission
from autograder.worker.backend import ColdBackend

CALL_TIMEOUT_S = 3
QUESTIONS = ("add", "scale", "clip", "norm")

LAB_TOML = f"""
id = "00_faults"
title = "Four questions, three tests each"
version = "1"
notebook = "faults.ipynb"

[limits]
call_timeout_s = {CALL_TIMEOUT_S}
import_timeout_s = 20
submission_timeout_s = 120
memory_mb = 512
""" + "".join(f'\n[[questions]]\nid = "{q}"\ntitle = "{q}"\npoints = 3\n' for q in QUESTIONS)

TESTS = '''
import numpy as np
import pytest

from autograder.testing import question

CASES = {
    "add": (lambda s, x: s.add(x, 1), lambda x: x + 1),
    "scale": (lambda s, x: s.scale(x, 2), lambda x: x * 2),
    "clip": (lambda s, x: s.clip(x), lambda x: min(max(x, 0), 1)),
    "norm": (lambda s, x: s.norm([x, 0]), lambda x: abs(x)),
}


@pytest.mark.parametrize("name", [pytest.param(name, marks=question(name)) for name in sorted(CASES)])
@pytest.mark.parametrize("x", [-2, 0.5, 3])
def test_case(submission, name, x):
    """each function matches its formula."""
    call, expected = CASES[name]
    assert call(submission, x) == pytest.approx(expected(x))


@question("add")
def test_add_raises_on_text(submission):
    """add refuses text."""
    with pytest.raises(Exception):
        submission.add("a", 1)
'''

HIDDEN = '''
import pytest

from autograder.testing import question


@question("add")
@pytest.mark.parametrize("secret", [424242, 515151])
def test_add_secret(submission, secret):
    """add works on large numbers."""
    assert submission.add(secret, 1) == secret + 1, f"add({secret}, 1) is wrong"
'''

CORRECT = """
import math

def add(a, b):
    return a + b

def scale(x, k):
    return x * k

def clip(x):
    return min(max(x, 0), 1)

def norm(v):
    return math.hypot(*v)
"""


@pytest.fixture(scope="module")
def faults_lab(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    root = tmp_path_factory.mktemp("course") / "00_faults"
    for part in ("public", "hidden"):
        (root / "tests" / part).mkdir(parents=True)
    (root / "lab.toml").write_text(LAB_TOML)
    (root / "tests" / "public" / "test_public.py").write_text(TESTS)
    (root / "tests" / "hidden" / "test_hidden.py").write_text(HIDDEN)
    return load_lab(root)


def _grade(lab: Lab, source: str):
    return grade_submission(lab, Submission("s", "s.py", textwrap.dedent(source).encode()), ColdBackend())


def _scores(result) -> dict[str, float]:
    return {q.id: q.score for q in result.questions}


def test_the_correct_submission_scores_full_marks(faults_lab):
    result = _grade(faults_lab, CORRECT)
    assert (result.status, result.score) == ("graded", 12.0)


def test_one_hanging_and_one_crashing_function_cost_only_their_questions(faults_lab):
    source = CORRECT.replace("return min(max(x, 0), 1)", "while True:\n        pass").replace(
        "return math.hypot(*v)", "import os\n    os._exit(3)"
    )
    result = _grade(faults_lab, source)
    assert _scores(result) == {"add": 3.0, "scale": 3.0, "clip": 0.0, "norm": 0.0}
    clip = [t for t in result.tests if t.question == "clip"]
    norm = [t for t in result.tests if t.question == "norm"]
    assert [t.category for t in clip] == ["timeout"] * 3 and [t.category for t in norm] == ["crashed"] * 3
    # one timeout and one crash were paid for; the rest of each question was not run
    assert sum("did not return within" in t.message for t in clip) == 1
    assert sum("not run: an earlier test of question clip" in t.message for t in clip) == 2
    assert sum("exit code 3" in t.message for t in norm) == 1
    assert sum("not run: an earlier test of question norm" in t.message for t in norm) == 2
    assert result.duration_s < 4 * CALL_TIMEOUT_S + 60
    assert result.status == "crashed" and "question" in result.status_message


def test_hangs_in_every_question_stay_within_one_timeout_each(faults_lab):
    source = CORRECT.replace("return", "while True:\n        pass\n    return")
    result = _grade(faults_lab, source)
    assert result.score == 0 and result.status == "timeout"
    assert sum("did not return within" in t.message for t in result.tests) == len(QUESTIONS)


def test_a_missing_function_never_counts_as_a_raised_exception(faults_lab):
    result = _grade(faults_lab, CORRECT.replace("def add(a, b):\n    return a + b", ""))
    raises = next(t for t in result.tests if t.name == "test_add_raises_on_text")
    assert raises.category == "missing" and "`add` is not defined" in raises.message
    assert result.status == "missing-function"


def test_a_timeout_never_counts_as_a_raised_exception(faults_lab):
    source = CORRECT.replace("def add(a, b):\n    return a + b", "def add(a, b):\n    if isinstance(a, str):\n        while True:\n            pass\n    return a + b")
    result = _grade(faults_lab, source)
    raises = next(t for t in result.tests if t.name == "test_add_raises_on_text")
    assert raises.category == "timeout"
    assert _scores(result)["scale"] == 3.0


def test_the_students_own_exception_still_satisfies_pytest_raises(faults_lab):
    result = _grade(faults_lab, CORRECT.replace("return a + b", "if isinstance(a, str):\n        raise TypeError(a)\n    return a + b"))
    assert result.score == 12.0



def test_parametrized_hidden_tests_are_listed_under_opaque_names(faults_lab):
    from autograder.report.feedback import feedback_markdown
    from autograder.report.html import feedback_html

    result = _grade(faults_lab, CORRECT.replace("return a + b", "return a + b if a < 1000 else 0"))
    hidden = [t for t in result.tests if t.visibility == "hidden"]
    assert [t.name for t in hidden] == ["test_add_secret[case 1]", "test_add_secret[case 2]"]
    assert all(t.category == "failed" for t in hidden)
    for text in (result.to_json(), feedback_markdown(result), feedback_html(result)):
        assert "424242" not in text and "515151" not in text
