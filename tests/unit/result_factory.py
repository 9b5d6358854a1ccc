"""Hand-built results for report tests: a toy-lab submission with chosen test outcomes."""

from __future__ import annotations

from autograder.results import QuestionResult, SubmissionResult
from autograder.results import TestResult as TR  # aliased so pytest does not try to collect it

SECRET = "SECRET-EXPECTED-VALUE-8675309"


def t(name, question, category="passed", visibility="public", message="", hint=""):
    return TR(name=name, question=question, visibility=visibility, category=category, message=message, hint=hint)


def make_result(tests=None, **overrides) -> SubmissionResult:
    fields = dict(
        student="alice", lab="00_toy", lab_version="1", status="graded", status_message="",
        score=3.0, max_score=5.0,
        questions=[QuestionResult("add", "add(a, b)", 2.0, 2.0), QuestionResult("scale", "scale(x, k)", 1.0, 3.0)],
        tests=tests if tests is not None else [],
        source_name="alice.ipynb", sha256="ab" * 32, duration_s=1.25, notes=[],
    )
    fields.update(overrides)
    return SubmissionResult(**fields)
