"""Which question the running test belongs to, and what went wrong on the grader's side.

A hang or crash costs only its question: once one test of a question times out or ends the
worker, that question's later tests are not run (they score 0 with the reason) and every other
question goes on in a fresh worker. Problems met during a test are remembered so that a test
that catches exceptions (`pytest.raises(Exception)`) never counts the grader's own "missing",
"timeout" or "crashed" as the student's behaviour.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from autograder.judge.errors import StudentCodeError, SubmissionProblem

CUTTING_CATEGORIES = ("timeout", "crashed")


class QuestionCutOff(SubmissionProblem):
    """A test not run because an earlier test of its question hung or crashed."""

    def __init__(self, question: str, cause: SubmissionProblem) -> None:
        self.category = cause.category
        what = "did not return in time" if cause.category == "timeout" else "crashed the worker"
        super().__init__(f"not run: an earlier test of question {question} {what}")


class FaultLedger:
    """Per-test record of grader-side problems, and the questions cut off after a fault."""

    def __init__(self) -> None:
        self.question = ""
        self.problems: list[SubmissionProblem] = []
        self.cut_off: dict[str, SubmissionProblem] = {}
        self._tolerating = 0

    @contextmanager
    def tolerating(self) -> Iterator[None]:
        """Problems inside are the test's to handle (a missing name while trying several
        functions), except hangs and crashes, which still cost the question."""
        self._tolerating += 1
        try:
            yield
        finally:
            self._tolerating -= 1

    def begin_test(self, question: str) -> None:
        self.question = question
        self.problems = []

    def ensure_open(self) -> None:
        """Raise QuestionCutOff if the running test's question was cut off."""
        cause = self.cut_off.get(self.question)
        if cause is not None:
            problem = QuestionCutOff(self.question, cause)
            self.problems.append(problem)
            raise problem

    def record(self, problem: SubmissionProblem) -> None:
        """Remember a problem that was not the student's own exception; a hang or crash cuts
        off the running test's question."""
        if isinstance(problem, StudentCodeError) and problem.raised_by_student:
            return
        cuts = problem.category in CUTTING_CATEGORIES
        if cuts:
            self.cut_off.setdefault(self.question, problem)
        if cuts or not self._tolerating:
            self.problems.append(problem)

    def problem_of_test(self) -> SubmissionProblem | None:
        """The first grader-side problem the running test met, if any."""
        return self.problems[0] if self.problems else None
