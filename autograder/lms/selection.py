"""One submission per student: an LMS export can hold several (resubmissions); keep the latest
(or the first), and say which were set aside."""

from __future__ import annotations

from datetime import datetime
from typing import Callable, TypeVar

from autograder.errors import UserError
from autograder.lms.layouts import Identity

KEEP_CHOICES = ("latest", "first")
Entry = TypeVar("Entry")


def _order(identity: Identity, name: str) -> tuple[float, int, str]:
    """Submission time first (when the LMS gives it), then the attempt number, then the name."""
    when = identity.submitted_at.timestamp() if isinstance(identity.submitted_at, datetime) else float("-inf")
    return when, identity.attempt, name


def one_per_student(
    entries: list[Entry], identity_of: Callable[[Entry], Identity | None], name_of: Callable[[Entry], str], keep: str = "latest",
) -> tuple[list[Entry], list[tuple[Entry, Entry]]]:
    """The entries kept (entries without an LMS identity are each their own student) and the
    (superseded, kept instead) pairs."""
    if keep not in KEEP_CHOICES:
        raise UserError(f"--keep {keep}: use one of {', '.join(KEEP_CHOICES)}")
    groups: dict[str, list[Entry]] = {}
    kept: list[Entry] = []
    for entry in entries:
        identity = identity_of(entry)
        if identity is None:
            kept.append(entry)
        else:
            groups.setdefault(identity.key, []).append(entry)
    superseded: list[tuple[Entry, Entry]] = []
    for group in groups.values():
        ordered = sorted(group, key=lambda entry: _order(identity_of(entry), name_of(entry)))  # type: ignore[arg-type]
        chosen = ordered[-1] if keep == "latest" else ordered[0]
        kept.append(chosen)
        superseded += [(entry, chosen) for entry in ordered if entry is not chosen]
    return kept, superseded
