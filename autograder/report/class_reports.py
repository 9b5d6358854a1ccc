"""Everything a grading run writes from its results so far: grades.csv after every result; at
the end (or at Ctrl-C) also the class summary and the LMS import file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from autograder.lab import Lab
from autograder.lms.class_rows import ClassRow, class_rows
from autograder.lms.export import write_lms_import
from autograder.lms.late import LatePolicy
from autograder.lms.roster import Roster
from autograder.report.gradebook import write_gradebook
from autograder.report.similarity import write_similarity_report
from autograder.report.summary import write_class_summary
from autograder.results import SubmissionResult
from autograder.submissions import Submission


@dataclass(frozen=True)
class ClassReports:
    lab: Lab
    out: Path
    superseded: list[tuple[str, str]]  # (file set aside, file kept instead)
    roster: Roster | None = None
    policy: LatePolicy | None = None
    decimals: int = 2
    lms_column: str | None = None
    submissions: tuple[Submission, ...] = ()  # compared for the similarity report
    similarity_threshold: float | None = None  # None: no similarity report

    def gradebook(self, results: list[SubmissionResult]) -> list[ClassRow]:
        """Rewrite grades.csv (atomically) from `results`; the rows it holds."""
        rows = class_rows(results, self.roster, self.policy)
        write_gradebook(self.lab, rows, self.out / "grades.csv")
        return rows

    def finish(self, results: list[SubmissionResult], similarity: bool = True) -> list[str]:
        """Write every report (the similarity report only if `similarity`); the lines that tell
        the instructor where they are."""
        rows = self.gradebook(results)
        summary = write_class_summary(self.lab, results, self.out, self.superseded, rows)
        lines = [f"gradebook: {self.out / 'grades.csv'}; class summary: {summary}"]
        if self.superseded:
            lines.append(f"{len(self.superseded)} earlier submission(s) set aside for a student's other one (listed in the summary)")
        if self.roster is not None:
            path = write_lms_import(self.lab, rows, self.roster, self.out, self.decimals, self.lms_column)
            missing = sum(1 for row in rows if row.result is None)
            unmatched = sum(1 for row in rows if row.roster_state == "unmatched")
            lines.append(f"LMS import file: {path} ({missing} on the roster without a submission, {unmatched} submission(s) matching nobody)")
        if similarity and self.similarity_threshold is not None and len(self.submissions) > 1:
            notebook = self.lab.notebook_path
            skeleton = Submission("skeleton", notebook.name, notebook.read_bytes()) if notebook.is_file() else None
            report = write_similarity_report(self.lab.id, skeleton, list(self.submissions), self.out, self.similarity_threshold)
            lines.append(f"similarity report (for you to read, never a grade): {report}")
        return lines
