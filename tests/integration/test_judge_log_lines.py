"""TensorFlow's Python warnings about the tests' own Keras work (retracing notices) stay out of
the terminal during a grading, its errors still show, and the logger is left as it was."""

from __future__ import annotations

import logging

import pytest

from autograder.grading import grade_submission
from autograder.lab import Lab
from autograder.submissions import Submission
from autograder.worker.backend import ColdBackend
from tests.fixtures.diagnosis_lab import SOLUTION

LOGGING_TESTS = '''import logging

from autograder.testing import question


@question("add")
def test_add_with_a_retracing_notice(submission):
    """add adds (and the judge's TensorFlow logs as a test's Keras call would)."""
    tensorflow = logging.getLogger("tensorflow")
    tensorflow.warning("5 out of the last 5 calls to <function one_step_on_data> triggered tf.function retracing")
    tensorflow.error("an error TensorFlow reports")
    assert submission.add(2, 3) == 5


@question("scale")
def test_scale(submission):
    """scale multiplies."""
    assert list(submission.scale([1.0], 2.0)) == [2.0]
'''


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def tensorflow_log():
    logger, records = logging.getLogger("tensorflow"), _Records()
    logger.addHandler(records)
    yield logger, records
    logger.removeHandler(records)


@pytest.mark.parametrize("level_before", [logging.NOTSET, logging.INFO])
def test_a_grading_keeps_tensorflow_errors_only_and_restores_its_logger(diagnosis_lab: Lab, tensorflow_log, level_before):
    (diagnosis_lab.public_tests / "test_public.py").write_text(LOGGING_TESTS)
    logger, records = tensorflow_log
    logger.setLevel(level_before)
    try:
        result = grade_submission(diagnosis_lab, Submission("student", "student.py", SOLUTION.encode()), ColdBackend())
        assert result.score == result.max_score
        assert [(r.levelno, r.getMessage()) for r in records.records] == [(logging.ERROR, "an error TensorFlow reports")]
        assert logger.level == level_before
        logger.warning("after the grading")  # the instructor's own TensorFlow logs are theirs again
        assert records.records[-1].getMessage() == "after the grading"
    finally:
        logger.setLevel(logging.NOTSET)
