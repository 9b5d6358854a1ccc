"""Grade one submission: extract its definitions, start its worker, run the lab's tests."""

from __future__ import annotations

import platform
import tempfile
import time
from pathlib import Path

from autograder.diagnosis.diagnose import name_mistakes
from autograder.diagnosis.sketch import Sketch
from autograder.extract import Extraction, UnreadableSubmission, extract_definitions, read_code_cells
from autograder.gpu import assigned_gpu, describe_device, tensorflow_version
from autograder.judge.proxy import Submission as SubmissionProxy
from autograder.judge.run import run_tests
from autograder.judge.scoring import score
from autograder.judge.session import WorkerSession
from autograder.lab import Lab
from autograder.results import QuestionResult, SubmissionResult, TestResult
from autograder.safe_text import plain
from autograder.submissions import Submission
from autograder.worker.backend import WorkerBackend


def grading_environment() -> dict[str, str]:
    """Where a result was produced: the worker's device and the library versions."""
    return {"device": describe_device(assigned_gpu()), "tensorflow": tensorflow_version(), "python": platform.python_version()}


def _submitter(submission: Submission) -> dict[str, str]:
    return submission.identity.as_record() if submission.identity else {}


def _empty_result(lab: Lab, submission: Submission, status: str, message: str) -> SubmissionResult:
    questions = [QuestionResult(q.id, q.title, 0.0, q.points) for q in lab.questions]
    return SubmissionResult(
        submission.student, lab.id, lab.version, status, plain(message, 2000), 0.0, lab.max_score,
        questions, [], submission.source_name, submission.sha256, lab.tests_sha256, _submitter(submission),
        environment=grading_environment(),
    )


def _first_message(tests: list[TestResult], category: str) -> str:
    return next((t.message.splitlines()[0] for t in tests if t.category == category), "")


def decide_status(lab_id: str, extraction: Extraction, incidents: list[str], tests: list[TestResult]) -> tuple[str, str]:
    """The submission's overall status and its one-line reason."""
    missing = sorted({t.message.splitlines()[0] for t in tests if t.category == "missing"})
    declared = extraction.declared_lab
    if declared and declared != lab_id and missing and all(t.category == "missing" for t in tests):
        return "wrong-lab", (
            f'this is the notebook of lab {declared} (its first cell sets up lab_tools("{declared}")), not of {lab_id}: '
            f"submit your {lab_id} notebook"
        )
    if extraction.syntax_errors and missing:
        return "syntax-error", f"{extraction.syntax_errors[0]}; so {len(missing)} graded name(s) were missing"
    for category in ("grader-error", "crashed", "timeout"):
        if category in incidents:
            return category, _first_message(tests, category) or category
    if missing:
        return "missing-function", "; ".join(missing)
    if any(t.category == "grader-error" for t in tests):
        return "grader-error", _first_message(tests, "grader-error")
    return "graded", ""


def run_submission_tests(
    lab: Lab, extraction: Extraction, backend: WorkerBackend, test_dirs: list[Path] | None = None, only_question: str | None = None,
) -> tuple[list[TestResult], WorkerSession]:
    """The lab's tests (or those in `test_dirs`) run on one extracted module in a fresh worker:
    their verdicts, and the finished session (incidents, notes, the call log)."""
    with tempfile.TemporaryDirectory(prefix="autograder-") as workdir:
        module_dir = Path(workdir) / "module"
        module_dir.mkdir()
        (module_dir / "submission.py").write_text(extraction.module_source)
        session = WorkerSession(backend, module_dir, lab.limits, Path(workdir) / "worker.log")
        try:
            tests = run_tests(
                test_dirs or [lab.public_tests, lab.hidden_tests], lab.path, SubmissionProxy(session),
                session.faults, lab.hidden_tests, only_question,
            )
        finally:
            session.close()
    return tests, session


def grade_submission(
    lab: Lab, submission: Submission, backend: WorkerBackend,
    test_dirs: list[Path] | None = None, only_question: str | None = None,
) -> SubmissionResult:
    """Grade one submission against the lab's public and hidden tests (or `test_dirs`), naming
    the known mistakes its failed questions show."""
    started = time.monotonic()
    result, calls = grade_logging_calls(lab, submission, backend, test_dirs, only_question)
    if calls:  # no answers (an unreadable submission): nothing to recognise, no profiles to load
        result.notes += [plain(note, 500) for note in name_mistakes(lab, result.questions, calls)]
    result.duration_s = round(time.monotonic() - started, 3)
    return result


def grade_logging_calls(
    lab: Lab, submission: Submission, backend: WorkerBackend,
    test_dirs: list[Path] | None = None, only_question: str | None = None,
) -> tuple[SubmissionResult, dict[str, dict[str, Sketch]]]:
    """The graded result without naming mistakes, and the sketches of the answers its tests got,
    by question (what naming them, or building a lab's mistake profiles, reads)."""
    started = time.monotonic()
    if submission.problem:
        return _empty_result(lab, submission, "unreadable", submission.problem), {}
    try:
        cells = read_code_cells(submission.source_name, submission.content)
    except UnreadableSubmission as error:
        return _empty_result(lab, submission, "unreadable", str(error)), {}
    extraction = extract_definitions(cells)
    tests, session = run_submission_tests(lab, extraction, backend, test_dirs, only_question)
    tests, questions = score(lab, tests)
    status, message = decide_status(lab.id, extraction, session.incidents, tests)
    notes = extraction.syntax_errors + extraction.dropped_names + session.notes
    return SubmissionResult(
        student=submission.student, lab=lab.id, lab_version=lab.version, status=status, status_message=plain(message, 2000),
        score=round(sum(q.score for q in questions), 6), max_score=lab.max_score, questions=questions, tests=tests,
        source_name=submission.source_name, sha256=submission.sha256, tests_sha256=lab.tests_sha256, submitter=_submitter(submission),
        duration_s=round(time.monotonic() - started, 3), student_code_s=round(session.student_s, 3), notes=[plain(note, 500) for note in notes],
        environment=grading_environment(),
    ), session.calls.by_question
