"""A `SubmissionResult` as Gradescope's results.json.

Spec: https://gradescope-autograders.readthedocs.io/en/latest/specs/ — per test `score`,
`max_score`, `name`, `output`, `visibility`; top level `score`, `execution_time`, `output`,
`stdout_visibility`. Public tests are `visible` with their failure message; hidden tests are
`after_published` and show only their name and hint, as in the feedback file.
"""

from __future__ import annotations

from typing import Any

from autograder.report.feedback import _CATEGORY_TEXT
from autograder.results import Misconception, SubmissionResult, TestResult

PUBLIC_VISIBILITY = "visible"
HIDDEN_VISIBILITY = "after_published"
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
MAX_MESSAGE_LINES = 30
MAX_OUTPUT_CHARS = 4000


def _category_text(test: TestResult) -> str:
    return _CATEGORY_TEXT.get(test.category, test.category)


def _public_output(test: TestResult) -> str:
    lines = [test.hint] if test.hint else []
    if not test.passed:
        message = "\n".join(test.message.splitlines()[:MAX_MESSAGE_LINES])[:MAX_OUTPUT_CHARS]
        lines += [f"Failed: {_category_text(test)}", "", message]
    return "\n".join(lines).strip()


def _hidden_output(test: TestResult) -> str:
    """Name and hint only: never the hidden test's message, inputs or expected values."""
    verdict = "Passed." if test.passed else f"Failed: {_category_text(test)}."
    return f"{test.hint}\n{verdict}".strip() if test.hint else verdict


def _test_entry(test: TestResult, title: str, number: str) -> dict[str, Any]:
    hidden = test.visibility != "public"
    return {
        "name": f"{title}: {test.name}" + (" (hidden)" if hidden else ""),
        "name_format": "text",
        "number": number,
        "score": test.points,
        "max_score": test.max_points,
        "status": "passed" if test.passed else "failed",
        "visibility": HIDDEN_VISIBILITY if hidden else PUBLIC_VISIBILITY,
        "output": _hidden_output(test) if hidden else _public_output(test),
        "output_format": "text",
        "tags": [test.question],
    }


def _placeholder(question_id: str, title: str, max_score: float, number: str, why: str) -> dict[str, Any]:
    """A question no test scored (unreadable submission, say): 0 of its points, with the reason."""
    return {
        "name": f"{title}: not graded",
        "name_format": "text",
        "number": number,
        "score": 0.0,
        "max_score": max_score,
        "status": "failed",
        "visibility": PUBLIC_VISIBILITY,
        "output": why,
        "output_format": "text",
        "tags": [question_id],
    }


def _add_misconceptions(entries: list[dict[str, Any]], misconceptions: list[Misconception]) -> None:
    """The question's known mistakes, on its first failed test (a public one when there is one)."""
    failed = [entry for entry in entries if entry["status"] == "failed"]
    if not misconceptions or not failed:
        return
    first = next((entry for entry in failed if entry["visibility"] == PUBLIC_VISIBILITY), failed[0])
    first["output"] = "\n".join([*(m.statement() for m in misconceptions), "", first["output"]]).strip()


def safe_status_message(result: SubmissionResult) -> str:
    """The status message, unless it was taken from a hidden test's message (a lab bug's traceback, say)."""
    message = result.status_message
    if not message:
        return ""
    hidden = [t.message for t in result.tests if t.visibility != "public" and t.message]
    public = [t.message for t in result.tests if t.visibility == "public" and t.message]
    if any(message in text for text in hidden) and not any(message in text for text in public):
        return f"{result.status}: a hidden test reported it (details are shown once grades are published)"
    return message


def _summary(result: SubmissionResult, extra_output: str) -> str:
    lines = [f"Lab {result.lab}: {result.score:g} / {result.max_score:g} points (status: {result.status})"]
    status_message = safe_status_message(result)
    if status_message:
        lines.append(status_message)
    lines += [f"Note: {note}" for note in result.notes]
    lines += ["", "Per question:"]
    for question in result.questions:
        lines.append(f"  {question.title}: {question.score:g} / {question.max_score:g}")
        lines += [f"    {mistake.statement()}" for mistake in question.misconceptions]
    if any(t.visibility != "public" for t in result.tests):
        lines += ["", "Hidden tests are listed by name and hint only; their results appear when grades are published."]
    if extra_output:
        lines += ["", extra_output]
    return "\n".join(lines)


def gradescope_results(result: SubmissionResult, execution_time: float | None = None, extra_output: str = "") -> dict[str, Any]:
    """results.json for Gradescope: one entry per test, and per question no test scored."""
    tests: list[dict[str, Any]] = []
    for index, question in enumerate(result.questions, start=1):
        question_tests = [t for t in result.tests if t.question == question.id]
        entries = [_test_entry(test, question.title, f"{index}.{sub}") for sub, test in enumerate(question_tests, start=1)]
        _add_misconceptions(entries, question.misconceptions)
        tests += entries
        if not question_tests:
            why = safe_status_message(result) or "no test of this question ran"
            tests.append(_placeholder(question.id, question.title, question.max_score, f"{index}", why))
    orphans = [t for t in result.tests if t.question not in {q.id for q in result.questions}]
    tests += [_test_entry(t, t.question, f"0.{n}") for n, t in enumerate(orphans, start=1)]
    data: dict[str, Any] = {
        "score": result.score,
        "output": _summary(result, extra_output),
        "output_format": "text",
        "stdout_visibility": "hidden",
        "tests": tests,
        "extra_data": {
            "lab": result.lab,
            "lab_version": result.lab_version,
            "status": result.status,
            "max_score": result.max_score,
            "source_name": result.source_name,
            "sha256": result.sha256,
            "environment": dict(getattr(result, "environment", {}) or {}),
        },
    }
    if execution_time is not None:
        data["execution_time"] = max(0, round(execution_time))
    return data


def failure_results(message: str, execution_time: float | None = None) -> dict[str, Any]:
    """results.json when the grader itself could not grade (a broken bundle or lab): 0 points, said plainly."""
    data: dict[str, Any] = {
        "score": 0.0,
        "output": f"The autograder could not grade this submission: {message}\n"
                  "This is not a problem with your work; tell your instructor.",
        "output_format": "text",
        "stdout_visibility": "hidden",
        "tests": [],
        "extra_data": {"status": "grader-error"},
    }
    if execution_time is not None:
        data["execution_time"] = max(0, round(execution_time))
    return data
