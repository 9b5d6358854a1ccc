"""grades.csv: one row per student, with a column per question."""

from __future__ import annotations

import csv
from pathlib import Path

from autograder.lab import Lab
from autograder.results import SubmissionResult
from autograder.safe_text import csv_cell

FIXED_COLUMNS = ["student", "score", "max_score", "status"]


def _number(value: float) -> str:
    return f"{value:g}"


def write_gradebook(lab: Lab, results: list[SubmissionResult], path: Path) -> None:
    """Write the gradebook atomically: fixed columns, one per question, then the reason."""
    columns = FIXED_COLUMNS + [q.id for q in lab.questions] + ["message"]
    partial = path.with_suffix(".partial")
    with partial.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for result in sorted(results, key=lambda r: r.student):
            row = {
                "student": csv_cell(result.student), "score": _number(result.score),
                "max_score": _number(result.max_score), "status": csv_cell(result.status),
                "message": csv_cell(result.status_message),
            }
            row.update({q.id: _number(q.score) for q in result.questions})
            writer.writerow(row)
    partial.replace(path)
