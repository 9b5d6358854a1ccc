"""Who submitted an entry of a class folder, read from the name an LMS's bulk download gives it.

- Canvas: `smithjohn_12345_6789012_weight_init.ipynb` (login, user id, submission id, the
  file's own name; `_LATE_` or `_late_` after the login; a resubmitted file's name ends `-1`,
  `-2`, ...). No submission time.
- Moodle: `John Smith_123456_assignsubmission_file_` (a folder, or that prefix before the
  file's name): full name and participant id. No submission time.
- Blackboard: `Lab 04_jsmith_attempt_2026-10-05-23-10-00_weight_init.ipynb` (assignment,
  user name, attempt time), next to a `..._attempt_<time>.txt` receipt (metadata, not a
  submission) whose `Name: John Smith (jsmith)` line gives the full name.
- Gradescope: see `gradescope_export.py` (folders named by submission id and a metadata file).
- Anything else is a plain layout: the entry's name is the student.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from autograder.safe_text import plain

MAX_RECEIPT_BYTES = 64 * 1024

_CANVAS = re.compile(r"(?P<login>[A-Za-z0-9]+)(?P<late>_late)?_(?P<user>\d{1,20})_(?P<submission>\d{1,20})_(?P<file>.+)", re.IGNORECASE)
_MOODLE_MARK = "_assignsubmission_"
_CANVAS_ATTEMPT = re.compile(r"-(?P<attempt>\d{1,4})$")
_MOODLE = re.compile(r"(?P<name>[^_]{1,200})_(?P<participant>\d{1,20})_assignsubmission_(?:file|onlinetext)_(?P<file>.*)")
_BLACKBOARD = re.compile(
    r"(?P<assignment>.{0,200}?)_(?P<login>[^_\s]{1,100})_attempt_(?P<time>\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d)(?:_(?P<file>.+))?"
)
_RECEIPT_NAME = re.compile(r"^Name:[ \t]*(?P<name>[^\r\n(]{1,200}?)[ \t]*\((?P<login>[^)\r\n]{1,100})\)", re.MULTILINE)


@dataclass(frozen=True)
class Identity:
    """Who an entry belongs to, as far as its name tells (plain text, neutralised)."""

    layout: str  # canvas, moodle, blackboard, gradescope or plain
    key: str  # the same for every submission of one student: the LMS's id, else the login or name
    lms_id: str = ""
    login: str = ""
    name: str = ""
    submitted_at: datetime | None = None
    attempt: int = 0  # resubmissions that carry no time are ordered by this
    late: bool = False  # the LMS itself marked it late (Canvas), whatever the time

    def as_record(self) -> dict[str, str]:
        """The identity as plain strings, for a result's JSON."""
        return {
            "layout": self.layout, "lms_id": self.lms_id, "login": self.login, "name": self.name,
            "submitted_at": self.submitted_at.isoformat() if self.submitted_at else "", "late": "yes" if self.late else "",
        }

    @classmethod
    def from_record(cls, record: dict[str, str], key: str) -> "Identity":
        submitted = record.get("submitted_at") or ""
        return cls(
            record.get("layout", "plain"), key, record.get("lms_id", ""), record.get("login", ""), record.get("name", ""),
            datetime.fromisoformat(submitted) if submitted else None, 0, record.get("late") == "yes",
        )


def _canvas(name: str) -> Identity | None:
    match = _CANVAS.fullmatch(name)
    if not match or _MOODLE_MARK in name:  # a Moodle name whose full name holds digits is not Canvas's
        return None
    stem = Path(match["file"]).stem
    attempt = _CANVAS_ATTEMPT.search(stem)
    return Identity(
        "canvas", f"canvas:{match['user']}", match["user"], match["login"].lower(),
        attempt=int(attempt["attempt"]) if attempt else 0, late=bool(match["late"]),
    )


def _moodle(name: str) -> Identity | None:
    match = _MOODLE.fullmatch(name)
    if not match:
        return None
    return Identity("moodle", f"moodle:{match['participant']}", match["participant"], name=plain(match["name"].strip(), 200))


def _blackboard(name: str) -> Identity | None:
    match = _BLACKBOARD.fullmatch(name)
    if not match:
        return None
    try:
        when = datetime.strptime(match["time"], "%Y-%m-%d-%H-%M-%S")
    except ValueError:
        return None
    login = plain(match["login"], 100)
    return Identity("blackboard", f"blackboard:{login.lower()}", login=login, submitted_at=when)


_PARSERS = {"canvas": _canvas, "moodle": _moodle, "blackboard": _blackboard}


def class_layout(names: list[str]) -> str | None:
    """The one LMS layout of a class folder: the one most entries' names follow, if at least
    half do; else None (plain). Deciding once per folder means a student's own file name,
    shaped like another LMS's, cannot give them another identity, id or time."""
    counts = {layout: sum(1 for name in names if parse(name) is not None) for layout, parse in _PARSERS.items()}
    layout, count = max(counts.items(), key=lambda item: item[1])
    return layout if count and 2 * count >= len(names) else None


def identify(name: str, layout: str | None = None) -> Identity | None:
    """The identity an entry's name carries in `layout` (default: the first layout it fits),
    or None for a plain layout."""
    if layout is not None:
        return _PARSERS[layout](name)
    for parse in _PARSERS.values():
        identity = parse(name)
        if identity is not None:
            return identity
    return None


def is_blackboard_receipt(path: Path) -> bool:
    """A Blackboard attempt's `.txt` receipt: metadata beside the submission, not a submission."""
    match = _BLACKBOARD.fullmatch(path.stem)
    return path.suffix == ".txt" and match is not None and match["file"] is None


def receipt_names(folder: Path) -> dict[str, str]:
    """Blackboard logins to full names, from the receipts in `folder` (each read within a bound)."""
    names: dict[str, str] = {}
    for path in sorted(folder.glob("*_attempt_*.txt"))[:10_000]:
        if path.is_symlink() or not path.is_file() or not is_blackboard_receipt(path):
            continue
        with path.open("rb") as handle:
            text = handle.read(MAX_RECEIPT_BYTES).decode("utf-8", "replace")
        match = _RECEIPT_NAME.search(text)
        if match:
            names[plain(match["login"].strip(), 100).lower()] = plain(match["name"].strip(), 200)
    return names
