"""`grade LAB SUBMISSIONS --out OUT`: bulk-grade a class into a gradebook and feedback."""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

from rich.console import Console

from autograder.commands.grade_arguments import GradebookOptions, check_grade_arguments, check_gradebook_options
from autograder.diagnosis.diagnose import prepare as prepare_diagnosis
from autograder.errors import UserError
from autograder.executors.base import Executor, GradingJob
from autograder.executors.local import local_executor
from autograder.gpu import announce, assign_gpus, detect_gpus
from autograder.judge.plugin import LabTestsBroken
from autograder.lab import Lab
from autograder.report.feedback import feedback_markdown
from autograder.report.html import feedback_html
from autograder.report.progress import GradingProgress
from autograder.report.class_reports import ClassReports
from autograder.results import SubmissionResult
from autograder.stop_request import StopRequest
from autograder.submissions import Submission, read_class


def _previous(path: Path, lab: Lab, submission: Submission) -> SubmissionResult | None:
    """A stored result for the same content, lab version and tests, so reruns resume; a
    grader-error (not the submission's fault) is never kept: rerunning regrades it."""
    if not path.is_file():
        return None
    try:
        result = SubmissionResult.from_json(path.read_text())
    except (ValueError, TypeError, KeyError):
        return None
    same = (
        result.sha256 == submission.sha256 and result.source_name == submission.source_name
        and result.lab_version == lab.version and result.tests_sha256 == lab.tests_sha256
    )
    return result if same and result.status != "grader-error" else None


def _forced(submissions: list[Submission], regrade: tuple[str, ...], regrade_all: bool) -> set[str]:
    """The students whose stored results --regrade/--regrade-all set aside."""
    students = {s.student for s in submissions}
    unknown = [name for name in regrade if name not in students]
    if unknown:
        raise UserError(f"--regrade {unknown[0]}: no submission of that student; use a name from the student column of grades.csv")
    return students if regrade_all else set(regrade)


def _executor(name: str, scheduler: str | None, jobs: int) -> Executor:
    if name == "dask":
        from autograder.executors.dask import DaskExecutor

        return DaskExecutor(scheduler, jobs)
    devices = detect_gpus()
    announce(devices)
    return local_executor(jobs, assign_gpus(devices, jobs))


def main(
    lab_name: str, submissions_dir: Path, out: Path, sandbox: bool = True, jobs: int = 0, warm: bool = True,
    executor_name: str = "local", scheduler: str | None = None, regrade: tuple[str, ...] = (), regrade_all: bool = False,
    options: GradebookOptions = GradebookOptions(),
) -> int:
    """Grade every submission not graded yet; 0 when done, 130 when stopped by Ctrl-C (what is
    finished is kept and in the gradebook)."""
    lab = check_grade_arguments(lab_name, submissions_dir, out, jobs, executor_name, scheduler)
    roster, policy = check_gradebook_options(options)
    folder = read_class(submissions_dir, lab.notebook, options.keep)
    submissions = folder.submissions
    reports = ClassReports(
        lab, out, folder.superseded, roster, policy, options.decimals, options.lms_column, tuple(submissions),
        options.similarity_threshold,
    )
    if not submissions:
        raise UserError(f"{submissions_dir} holds no submissions; put one .ipynb/.py file, folder or .zip per student there")
    forced = _forced(submissions, regrade, regrade_all)
    console = Console(stderr=True)
    started = time.monotonic()
    stored = {s.student: None if s.student in forced else _previous(out / "results" / f"{s.student}.json", lab, s) for s in submissions}
    results = [result for result in stored.values() if result is not None]
    to_grade = [s for s in submissions if stored[s.student] is None]
    if results:
        console.print(f"resuming: {len(results)} submission(s) already graded, {len(to_grade)} to go", soft_wrap=True)
    for result in results:
        _write_feedback(out, result)
    if to_grade:
        prepare_diagnosis(lab, lambda line: console.print(line, soft_wrap=True, markup=False, highlight=False))
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(to_grade)))
    executor = _executor(executor_name, scheduler, jobs)
    graded_now, stream = 0, executor.grade(GradingJob(lab.path, sandbox, warm), to_grade)
    try:
        with StopRequest() as stop, GradingProgress(console, lab.id, [s.student for s in to_grade], jobs) as progress:
            for result in stream:
                result.save(out / "results" / f"{result.student}.json")
                _write_feedback(out, result)
                results.append(result)
                reports.gradebook(results)  # a long run's gradebook is readable as it goes
                graded_now += 1
                progress.finished(result)
                stop.raise_if_requested()
    except KeyboardInterrupt:
        return _stopped(console, reports, results, graded_now, len(to_grade))
    except LabTestsBroken as error:
        raise UserError(f"the tests of lab {lab.id} do not load ({error}); run: python -m autograder validate {lab.id}") from None
    finally:
        stream.close()  # stops what is still running (at once after Ctrl-C)
        executor.close()
    where = reports.finish(results)
    elapsed = time.monotonic() - started
    statuses = ", ".join(f"{n} {status}" for status, n in sorted(Counter(r.status for r in results).items()))
    rate = f", {60 * len(to_grade) / elapsed:.1f} submissions/min" if to_grade else ""
    console.print(
        f"graded {len(to_grade)} of {len(results)} submissions of {lab.id} in {elapsed:.1f} s ({jobs} jobs{rate}): {statuses}",
        soft_wrap=True,
    )
    for line in where:
        console.print(line, soft_wrap=True, markup=False, highlight=False)
    return 0


def _stopped(console: Console, reports: ClassReports, results: list[SubmissionResult], graded_now: int, to_grade: int) -> int:
    """Ctrl-C: the gradebook and summary of what is finished; a rerun grades only the rest."""
    reports.finish(results, similarity=False)
    console.print(
        f"stopped: {graded_now} of {to_grade} submission(s) graded in this run, {len(results)} in {reports.out / 'grades.csv'}; "
        "rerun the same command to grade the rest",
        soft_wrap=True,
    )
    return 130


def _write_feedback(out: Path, result: SubmissionResult) -> None:
    path = out / "feedback" / f"{result.student}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(feedback_markdown(result))
    path.with_suffix(".html").write_text(feedback_html(result), encoding="utf-8")
