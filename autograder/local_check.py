"""Public tests run in this process on a student's own definitions (the notebook's `check()` and
the CLI's `check`): the student runs their own code on their own machine, so no worker is
started, and requests still go through the wire codec so the tests see what grading sees."""

from __future__ import annotations

import time
import types
from typing import Any

from autograder.diagnosis.diagnose import name_mistakes
from autograder.extract import extract_definitions
from autograder.judge.plugin import LabTestsBroken
from autograder.judge.proxy import Submission
from autograder.judge.run import run_tests
from autograder.judge.scoring import score
from autograder.lab import Lab
from autograder.report.console import print_broken_tests, print_check
from autograder.results import SubmissionResult
from autograder.worker.local import LocalSession


def graded_namespace(cells: list[str], origin: str) -> tuple[dict[str, Any], list[str], str]:
    """What the grader would import from these code cells: the namespace, warnings, and an
    import error ("" if none)."""
    extraction = extract_definitions(cells)
    notes = extraction.syntax_errors + extraction.dropped_names
    module = types.ModuleType("submission")
    try:
        exec(compile(extraction.module_source, f"<{origin}'s definitions>", "exec"), module.__dict__)
    except Exception as error:  # the grader would report the same import failure
        return {}, notes, f"importing your definitions raised {type(error).__name__}: {error}"
    return module.__dict__, notes, ""


def check_definitions(
    lab: Lab, namespace: dict[str, Any], notes: list[str], import_error: str,
    question_id: str | None = None, hidden: bool = False,
) -> bool:
    """Run one question's public tests (every question's when None), print the table; all passed?

    `hidden=True` adds the hidden tests where they exist (instructors, nbgrader autograde).
    """
    chosen = {lab.question(question_id).id} if question_id is not None else {q.id for q in lab.questions}
    started = time.monotonic()
    test_dirs = [lab.public_tests, lab.hidden_tests] if hidden else [lab.public_tests]
    session = LocalSession(namespace)
    try:
        tests = run_tests(test_dirs, lab.path, Submission(session), session.faults, lab.hidden_tests, question_id)
    except LabTestsBroken as error:  # the course's fault, not the student's: one line, no traceback
        print_broken_tests(lab.id, str(error))
        return False
    tests, questions = score(lab, tests)
    questions = [q for q in questions if q.id in chosen]
    notes = notes + name_mistakes(lab, questions, session.calls.by_question, build=False)  # a check never waits for a build
    result = SubmissionResult(
        "you", lab.id, lab.version, "crashed" if import_error else "graded", import_error,
        sum(q.score for q in questions), sum(q.max_score for q in questions),
        questions, tests, duration_s=time.monotonic() - started, notes=notes,
    )
    print_check(result)
    return bool(tests) and all(t.passed for t in tests)
