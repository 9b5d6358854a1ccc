"""`grade LAB SUBMISSIONS --out OUT`: bulk-grade a class into a gradebook and feedback."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from autograder.errors import UserError
from autograder.grading import grade_submission
from autograder.judge.plugin import LabTestsBroken
from autograder.lab import Lab, find_lab
from autograder.report.feedback import feedback_markdown
from autograder.report.gradebook import write_gradebook
from autograder.results import SubmissionResult
from autograder.submissions import Submission, discover
from autograder.sandbox.choose import choose_backend


def _previous(path: Path, lab: Lab, submission: Submission) -> SubmissionResult | None:
    """A stored result for the same content and lab version, so reruns resume."""
    if not path.is_file():
        return None
    try:
        result = SubmissionResult.from_json(path.read_text())
    except (ValueError, TypeError, KeyError):
        return None
    same = result.sha256 == submission.sha256 and result.lab_version == lab.version and result.source_name == submission.source_name
    return result if same else None


def main(lab_name: str, submissions_dir: Path, out: Path, sandbox: bool = True) -> list[SubmissionResult]:
    lab = find_lab(lab_name)
    submissions = discover(submissions_dir, lab.notebook)
    if not submissions:
        raise UserError(f"{submissions_dir} holds no submissions; put one .ipynb/.py file, folder or .zip per student there")
    backend = choose_backend(lab, sandbox)
    console = Console(stderr=True)
    started = time.monotonic()
    results: list[SubmissionResult] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(f"grading {lab.id}", total=len(submissions))
        for submission in submissions:
            progress.update(task, description=f"grading {submission.student}")
            result_path = out / "results" / f"{submission.student}.json"
            result = _previous(result_path, lab, submission)
            if result is None:
                try:
                    result = grade_submission(lab, submission, backend)
                except LabTestsBroken as error:
                    raise UserError(f"the tests of lab {lab.id} do not load ({error}); run: python -m autograder validate {lab.id}") from None
                result.save(result_path)
            feedback_path = out / "feedback" / f"{submission.student}.md"
            feedback_path.parent.mkdir(parents=True, exist_ok=True)
            feedback_path.write_text(feedback_markdown(result))
            results.append(result)
            progress.advance(task)
    write_gradebook(lab, results, out / "grades.csv")
    statuses = ", ".join(f"{n} {status}" for status, n in sorted(Counter(r.status for r in results).items()))
    console.print(f"graded {len(results)} submissions of {lab.id} in {time.monotonic() - started:.1f} s: {statuses}")
    console.print(f"gradebook: {out / 'grades.csv'}")
    return results
