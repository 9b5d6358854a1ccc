"""The file an LMS imports back: the roster's own rows with this lab's final score filled in.

Canvas: its identity columns (Student, ID, SIS User ID, SIS Login ID, Section) and one column
for the lab (the roster's column naming it, else a new one, which Canvas offers to create).
Moodle (grading worksheet): every column as exported, with Grade filled. Any other roster:
every column plus the lab's. A student without a submission gets an empty cell, which both
LMSs leave unchanged (their own missing-work policy applies). Scores are rounded to
`decimals`; every cell is neutralised for spreadsheets.
"""

from __future__ import annotations

import csv
from pathlib import Path

from autograder.atomic_write import replacing
from autograder.lab import Lab
from autograder.lms.class_rows import ClassRow
from autograder.lms.roster import CANVAS_IDENTITY_COLUMNS, Roster
from autograder.safe_text import csv_cell

IMPORT_FILE_NAMES = {"canvas": "canvas_import.csv", "moodle": "moodle_import.csv", "generic": "lms_import.csv"}


def write_lms_import(lab: Lab, rows: list[ClassRow], roster: Roster, out: Path, decimals: int = 2, column: str | None = None) -> Path:
    """Write OUT/<lms>_import.csv atomically; return its path."""
    grade_column = roster.grade_column(lab.id, lab.title, column)
    if roster.kind == "canvas":
        header = [name for name in CANVAS_IDENTITY_COLUMNS if name in roster.header] + [grade_column]
    else:
        header = roster.header + ([grade_column] if grade_column not in roster.header else [])
    scores = {row.roster_student.row: row.score for row in rows if row.roster_student is not None and row.result is not None}
    path = out / IMPORT_FILE_NAMES[roster.kind]
    with replacing(path) as partial, partial.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        for student in roster.students:
            values = {name: csv_cell(roster.rows[student.row].get(name, "")) for name in header}
            score = scores.get(student.row)
            values[grade_column] = "" if score is None else f"{round(score, decimals):.{decimals}f}"
            writer.writerow(values)
    return path
