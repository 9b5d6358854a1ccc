"""The trusted judge against real worker processes: verdicts only come from the trusted side."""

from __future__ import annotations

import textwrap

import pytest

CORRECT = """
import numpy as np

def add(a, b):
    return a + b

def scale(x, k):
    return np.asarray(x) * k
"""


def categories(result):
    return {t.name: t.category for t in result.tests}


def test_correct_submission_scores_full_marks(grade_source):
    result = grade_source(CORRECT)
    assert (result.status, result.score, result.max_score) == ("graded", 5.0, 5.0)
    assert {t.visibility for t in result.tests} == {"public", "hidden"}


def test_top_level_code_is_not_run(grade_source):
    source = CORRECT + "\nimport os\nos._exit(3)\nwhile True:\n    pass\nraise RuntimeError('demo cell')\n"
    assert grade_source(source).score == 5.0


def test_wrong_answer_loses_only_its_question(grade_source):
    result = grade_source(CORRECT.replace("a + b", "a - b"))
    assert result.status == "graded"
    assert {q.id: q.score for q in result.questions} == {"add": 0.0, "scale": 3.0}


def test_os_exit_mid_call_costs_only_that_test(grade_source):
    source = CORRECT.replace("return a + b", "import os\n    os._exit(0)")
    result = grade_source(source)
    assert result.status == "crashed"
    assert {q.id: q.score for q in result.questions} == {"add": 0.0, "scale": 3.0}
    assert "exit code 0" in next(t.message for t in result.tests if t.question == "add")


def test_sys_exit_mid_call_is_an_error_not_a_pass(grade_source):
    result = grade_source(CORRECT.replace("return a + b", "raise SystemExit(0)"))
    assert {t.category for t in result.tests if t.question == "add"} == {"error"}


def test_infinite_loop_times_out_and_the_rest_still_grades(grade_source):
    result = grade_source(CORRECT.replace("return a + b", "while True:\n        pass"))
    assert result.status == "timeout"
    assert {t.category for t in result.tests if t.question == "add"} == {"timeout"}
    assert result.questions[1].score == 3.0


def test_crash_while_importing_fails_every_test_once(grade_source):
    source = CORRECT + "\nclass Boom:\n    import os\n    os._exit(7)\n"
    result = grade_source(source)
    assert result.status == "crashed" and result.score == 0
    assert "while being imported" in result.status_message


def test_exception_while_importing_is_reported(grade_source):
    result = grade_source(CORRECT + "\nclass Broken:\n    LIMIT = 1 / 0\n")
    assert result.status == "crashed"
    assert "ZeroDivisionError" in result.status_message


def test_monkeypatching_numpy_and_printing_fake_results_changes_nothing(grade_source):
    source = CORRECT.replace("a + b", "a - b") + textwrap.dedent(
        """
        import sys
        np.testing.assert_allclose = lambda *args, **kwargs: None
        np.testing.assert_array_equal = lambda *args, **kwargs: None
        PRINTED = print("==== 5 passed in 0.01s ====", '{"score": 5}') or sys.stdout.write("PASSED")
        """
    )
    result = grade_source(source)
    assert {q.id: q.score for q in result.questions} == {"add": 0.0, "scale": 3.0}


def test_lying_return_values_arrive_as_handles_not_as_equal_objects(grade_source):
    source = CORRECT.replace(
        "def add(a, b):\n    return a + b",
        "class Liar:\n    def __eq__(self, other):\n        return True\n    def __array__(self, *a, **k):\n        return np.array(5)\n\n"
        "def add(a, b):\n    return Liar()",
    )
    result = grade_source(source)
    assert result.questions[0].score == 0.0


def test_unsendable_result_is_an_error(grade_source):
    source = CORRECT.replace("return np.asarray(x) * k", "return np.array([object()])")
    result = grade_source(source)
    assert {t.category for t in result.tests if t.name == "test_scale_values"} == {"error"}


def test_a_value_json_cannot_carry_is_an_error_not_a_crash(grade_source):
    result = grade_source(CORRECT.replace("return a + b", "return 10 ** 5000"))
    assert {t.category for t in result.tests if t.question == "add"} == {"error"}
    assert result.status == "graded"


def test_worker_has_no_inherited_secrets(grade_source, monkeypatch):
    monkeypatch.setenv("GRADER_SECRET", "hunter2")
    source = CORRECT.replace("return a + b", "import os\n    return len(os.environ.get('GRADER_SECRET', '')) + a + b")
    assert grade_source(source).questions[0].score == 2.0


@pytest.mark.parametrize("source", ["", "this is not python (", "def add(:"])
def test_hopeless_submissions_score_zero_with_a_status(grade_source, source):
    result = grade_source(source)
    assert result.score == 0
    assert result.status in {"missing-function", "syntax-error"}
    assert len(result.tests) == 5


def test_tests_can_drive_student_objects_with_libraries_in_the_worker(toy_lab):
    from autograder.judge.errors import StudentCodeError
    from autograder.judge.proxy import Submission
    from autograder.worker.local import LocalSession

    submission = Submission(LocalSession({"double": lambda x: 2 * x}))
    np_remote = submission.import_module("numpy")
    assert np_remote.type_name == "module"
    assert list(np_remote.arange(3)) == [0, 1, 2]
    with pytest.raises(StudentCodeError, match="may import only"):
        submission.import_module("os")


def test_two_labs_with_the_same_test_file_names_in_one_process(grade_source):
    from autograder.grading import grade_submission
    from autograder.lab import load_lab
    from autograder.submissions import Submission
    from autograder.worker.backend import ColdBackend
    from tests.conftest import TOY_COURSE

    assert grade_source(CORRECT).score == 5.0
    other = load_lab(TOY_COURSE / "labs" / "01_toy_other")
    result = grade_submission(other, Submission("s", "s.py", b"def mul(a, b):\n    return a * b\n"), ColdBackend())
    assert (result.score, [t.question for t in result.tests]) == (4.0, ["mul", "mul"])


def test_a_notebook_of_another_lab_is_reported_as_such(grade_source):
    result = grade_source("from autograder.notebook import checker\ncheck = checker('01_toy_other')\n\ndef mul(a, b):\n    return a * b\n")
    assert result.status == "wrong-lab" and result.score == 0
    assert result.status_message.startswith("this is the notebook of lab 01_toy_other") and "submit your 00_toy notebook" in result.status_message


def test_the_right_lab_with_functions_missing_is_not_wrong_lab(grade_source):
    result = grade_source("from autograder.notebook import checker\ncheck = checker('00_toy')\n\ndef mul(a, b):\n    return a * b\n")
    assert result.status == "missing-function"
    other = grade_source("check = checker('01_toy_other')\n" + CORRECT.replace("def add(a, b):\n    return a + b", ""))
    assert other.status == "missing-function" and other.score == 3.0  # some of this lab's work is there: graded
