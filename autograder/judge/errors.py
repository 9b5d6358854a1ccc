"""Why a call into a submission did not produce a value. Each carries a category for reports."""

from __future__ import annotations

from autograder.safe_text import identifier, plain


class SubmissionProblem(Exception):
    """Base: a test could not get an answer from the student's code."""

    category = "failed"


class StudentCodeError(SubmissionProblem):
    """The student's code raised an exception (or, with `raised_by_student` False, returned
    something the grader cannot read: an error, but not one a test may expect)."""

    category = "error"

    def __init__(self, type_name: str, message: str, traceback: str = "", raised_by_student: bool = True) -> None:
        type_name, message, traceback = identifier(type_name), plain(message), plain(traceback)
        self.raised_by_student = raised_by_student
        self.type_name, self.student_message, self.student_traceback = type_name, message, traceback
        if type_name == "NotImplementedError":
            self.category = "not-implemented"
            super().__init__("not implemented yet (your function raises NotImplementedError)")
        else:
            super().__init__(f"your code raised {type_name}: {message}" + (f"\n{traceback}" if traceback else ""))


class MissingDefinition(SubmissionProblem):
    """A graded name is not defined by the submission."""

    category = "missing"

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"`{name}` is not defined in your submission")


class CallTimeout(SubmissionProblem):
    category = "timeout"


class WorkerCrashed(SubmissionProblem):
    category = "crashed"


class SubmissionUnusable(SubmissionProblem):
    """Importing the submission failed, crashed or timed out: no test can run."""

    def __init__(self, category: str, message: str) -> None:
        self.category = category
        super().__init__(message)
