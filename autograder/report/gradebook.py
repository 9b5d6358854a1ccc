"""grades.csv: one row per student, with a column per question, late penalty and LMS identity."""

from __future__ import annotations

import csv
from pathlib import Path

from autograder.atomic_write import replacing
from autograder.lab import Lab
from autograder.lms.class_rows import ClassRow
from autograder.safe_text import csv_cell

FIXED_COLUMNS = ["student", "score", "max_score", "status"]
LMS_COLUMNS = ["raw_score", "late_days", "penalty", "submitted_at", "lms_id", "name", "roster"]
NO_SUBMISSION = "on the roster, but no submission was found"


def _number(value: float) -> str:
    return f"{value:g}"


def _row(lab: Lab, row: ClassRow) -> dict[str, str]:
    identity, on_roster, result = row.identity, row.roster_student, row.result
    values = {
        "student": row.student, "score": _number(row.score), "max_score": _number(result.max_score if result else lab.max_score), "status": row.status,
        "message": result.status_message if result else NO_SUBMISSION,
        "raw_score": _number(row.raw_score), "late_days": str(row.late_days), "penalty": _number(row.penalty),
        "submitted_at": identity.submitted_at.isoformat() if identity and identity.submitted_at else "",
        "lms_id": (on_roster.lms_id if on_roster else "") or (identity.lms_id if identity else ""),
        "name": (on_roster.name if on_roster else "") or (identity.name if identity else ""),
        "roster": row.roster_state,
    }
    scores = {q.id: q.score for q in result.questions} if result else {}
    values.update({q.id: _number(scores[q.id]) if q.id in scores else "" for q in lab.questions})
    return {column: csv_cell(value) for column, value in values.items()}


def write_gradebook(lab: Lab, rows: list[ClassRow], path: Path) -> None:
    """Write the gradebook atomically: fixed columns, one per question, the reason, then the
    raw score, late days and penalty (score is after the penalty) and who the row is."""
    columns = FIXED_COLUMNS + [q.id for q in lab.questions] + ["message"] + LMS_COLUMNS
    with replacing(path) as partial, partial.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in sorted(rows, key=lambda r: r.student):
            writer.writerow(_row(lab, row))
