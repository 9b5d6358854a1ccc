"""Late work: days late from the submission time and the due date, and the penalty they cost."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from autograder.errors import UserError

UNKNOWN_TIME_DAYS = 1  # an LMS that marks a file late without its time (Canvas): one day late


@dataclass(frozen=True)
class LatePolicy:
    """`percent_per_day` of the maximum score per day (or part of a day) after `due` plus
    `grace_minutes`, at most `cap_percent`; the final score never goes below zero."""

    due: datetime
    percent_per_day: float = 10.0
    cap_percent: float = 100.0
    grace_minutes: float = 0.0

    def days_late(self, submitted_at: datetime | None, marked_late: bool) -> int:
        if submitted_at is None:
            return UNKNOWN_TIME_DAYS if marked_late else 0
        if (submitted_at.tzinfo is None) != (self.due.tzinfo is None):
            submitted_at = submitted_at.replace(tzinfo=self.due.tzinfo)  # an LMS's local time: the due date's zone
        overdue = submitted_at - self.due - timedelta(minutes=self.grace_minutes)
        return max(0, math.ceil(overdue / timedelta(days=1)))

    def penalty(self, raw_score: float, max_score: float, days_late: int) -> float:
        """Points taken off a raw score for `days_late` days."""
        percent = min(self.cap_percent, self.percent_per_day * days_late)
        return min(raw_score, max_score * percent / 100)


def parse_due(text: str) -> datetime:
    """`--due` as ISO 8601 (`2026-10-05T23:59`, optionally with `+02:00`), or a one-line error."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise UserError(f"--due {text!r} is not a date and time; write it as 2026-10-05T23:59 (optionally +02:00)") from None


def late_policy(due: str | None, percent_per_day: float, cap_percent: float, grace_minutes: float) -> LatePolicy | None:
    """The policy the options describe (None without --due); bad numbers get one line each."""
    for option, value in (("--late-penalty", percent_per_day), ("--late-cap", cap_percent), ("--grace-minutes", grace_minutes)):
        if not math.isfinite(value) or value < 0:
            raise UserError(f"{option} {value}: pass a number of at least 0")
    if cap_percent > 100:
        raise UserError(f"--late-cap {cap_percent}: pass a percentage from 0 to 100")
    if due is None:
        return None
    return LatePolicy(parse_due(due), percent_per_day, cap_percent, grace_minutes)
