"""The class roster: an LMS's own gradebook export (Canvas gradebook CSV, Moodle grading
worksheet, or any CSV with id/login/name/email columns), read within bounds, and matching a
submission's identity to one student on it."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path

from autograder.errors import UserError
from autograder.lms.layouts import Identity
from autograder.safe_text import plain

MAX_ROSTER_BYTES = 20 * 1024 * 1024
MAX_ROSTER_ROWS = 100_000
CANVAS_IDENTITY_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
_MOODLE_PARTICIPANT = re.compile(r"Participant\s+(\d+)")
_GENERIC = {"id": ("id", "sid", "student id", "user id", "identifier"), "login": ("login", "username", "user name", "sis login id"),
            "name": ("name", "student", "full name", "student name"), "email": ("email", "email address")}


@dataclass(frozen=True)
class RosterStudent:
    row: int  # index of the student's row in Roster.rows
    lms_id: str
    login: str
    name: str
    email: str
    submitted_at: datetime | None = None  # when the roster itself says (Moodle's worksheet)

    @cached_property
    def name_keys(self) -> set[str]:
        return name_keys(self.name)


@dataclass(frozen=True)
class Roster:
    kind: str  # canvas, moodle or generic
    header: list[str]
    rows: list[dict[str, str]]
    students: list[RosterStudent]

    def grade_column(self, lab_id: str, lab_title: str, chosen: str | None = None) -> str:
        """Where the import file puts this lab's score: `chosen`, else Moodle's Grade, else the
        roster's column naming the lab, else a new column named after the lab."""
        if chosen:
            return chosen
        if self.kind == "moodle":
            return "Grade"
        wanted = (lab_title.casefold(), lab_id.casefold())
        named = [column for column in self.header if any(text in column.casefold() for text in wanted)]
        return named[0] if named else lab_title


def moodle_time(text: str) -> datetime | None:
    """Moodle's worksheet time ('Wednesday, 7 October 2026, 8:30 AM'), or None ('-', other languages)."""
    for layout in ("%A, %d %B %Y, %I:%M %p", "%A, %d %B %Y, %H:%M"):
        try:
            return datetime.strptime(text.strip(), layout)
        except ValueError:
            continue
    return None


def name_keys(name: str) -> set[str]:
    """Letters of a name, casefolded, in both orders: 'Smith, John', 'John Smith', 'smithjohn'."""
    parts = [re.sub(r"[\W\d_]+", "", part.casefold()) for part in re.split(r"[,\s]+", name) if part.strip()]
    parts = [part for part in parts if part]
    if not parts:
        return set()
    return {"".join(parts), "".join(reversed(parts))}


def _column(header: list[str], names: tuple[str, ...]) -> str | None:
    lowered = {column.strip().casefold(): column for column in header}
    return next((lowered[name] for name in names if name in lowered), None)


def _student(kind: str, index: int, row: dict[str, str], header: list[str]) -> RosterStudent | None:
    get = lambda column: plain((row.get(column) or "").strip(), 200) if column else ""  # noqa: E731
    if kind == "canvas":
        name = get("Student")
        if not name or name.strip().casefold() in {"points possible", "student, test", "test student"}:
            return None
        return RosterStudent(index, get("ID"), get("SIS Login ID") or get("SIS User ID"), name, "")
    if kind == "moodle":
        participant = _MOODLE_PARTICIPANT.fullmatch(get("Identifier"))
        return RosterStudent(
            index, participant[1] if participant else get("Identifier"), "", get("Full name"), get("Email address"),
            moodle_time(get("Last modified (submission)")),
        )
    columns = {field: _column(header, names) for field, names in _GENERIC.items()}
    first, last = get(_column(header, ("first name",))), get(_column(header, ("last name",)))
    name = get(columns["name"]) or (f"{last}, {first}" if first and last else first or last)
    student = RosterStudent(index, get(columns["id"]), get(columns["login"]), name, get(columns["email"]))
    return student if any((student.lms_id, student.login, student.name, student.email)) else None


def read_roster(path: Path) -> Roster:
    """Read `--roster`; a UserError in one line when it is not a readable roster."""
    if not path.is_file():
        raise UserError(f"--roster {path} is not a file; pass the gradebook CSV exported from your LMS")
    with path.open("rb") as handle:
        data = handle.read(MAX_ROSTER_BYTES + 1)
    if len(data) > MAX_ROSTER_BYTES:
        raise UserError(f"--roster {path} is larger than {MAX_ROSTER_BYTES >> 20} MB; export only the students and this lab")
    try:
        return _parse(data.decode("utf-8-sig", "replace"), path)
    except csv.Error as error:
        raise UserError(f"--roster {path} is not a readable CSV file ({error}); export it again from your LMS") from None


def _parse(text: str, path: Path) -> Roster:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [column.strip() for column in reader.fieldnames or []]
    reader.fieldnames = header
    known = [column for names in _GENERIC.values() for column in names] + ["first name", "last name"]
    if all(_column(header, (column,)) is None for column in known):
        raise UserError(f"--roster {path} has no student column (Student, ID, Identifier, name, login or email)")
    kind = "canvas" if {"Student", "ID"} <= set(header) else "moodle" if "Identifier" in header else "generic"
    rows, students = [], []
    for index, row in enumerate(reader):
        if index >= MAX_ROSTER_ROWS:
            raise UserError(f"--roster {path} has more than {MAX_ROSTER_ROWS} rows")
        rows.append({column: value or "" for column, value in row.items() if isinstance(column, str)})
        student = _student(kind, index, rows[-1], header)
        if student is not None:
            students.append(student)
    return Roster(kind, header, rows, students)


def match(roster: Roster, identity: Identity | None, student: str) -> RosterStudent | None:
    """The roster student a submission belongs to: by LMS id, else login or email, else name;
    None when nobody (or more than one student) matches."""
    candidates: list[list[RosterStudent]] = []
    if identity is not None and identity.lms_id:
        candidates.append([s for s in roster.students if s.lms_id == identity.lms_id])
    logins = {text.casefold() for text in (identity.login if identity else "", student) if text}
    candidates.append([s for s in roster.students if s.login.casefold() in logins or s.email.casefold().split("@")[0] in logins])
    keys = name_keys(identity.name if identity and identity.name else "") | name_keys(identity.login if identity else "") | name_keys(student)
    candidates.append([s for s in roster.students if s.name_keys & keys])
    for found in candidates:
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return None
    return None
