"""The gradebook's rows: every result, with its late penalty and roster match, and a `missing`
row for each roster student who submitted nothing. Policies apply here, at report time, so a
changed due date or roster never changes a stored result."""

from __future__ import annotations

from dataclasses import dataclass, replace

from autograder.lms.late import LatePolicy
from autograder.lms.layouts import Identity
from autograder.lms.roster import Roster, RosterStudent, match
from autograder.results import SubmissionResult
from autograder.submissions import student_id

MISSING = "missing"


@dataclass(frozen=True)
class ClassRow:
    student: str
    result: SubmissionResult | None  # None: on the roster, nothing submitted
    identity: Identity | None
    roster_student: RosterStudent | None
    roster_state: str  # "" without a roster, else matched, unmatched or missing
    late_days: int = 0
    penalty: float = 0.0

    @property
    def raw_score(self) -> float:
        return self.result.score if self.result else 0.0

    @property
    def score(self) -> float:
        return max(0.0, self.raw_score - self.penalty)

    @property
    def status(self) -> str:
        return self.result.status if self.result else MISSING


def identity_of(result: SubmissionResult) -> Identity | None:
    return Identity.from_record(result.submitter, result.student) if result.submitter else None


def class_rows(results: list[SubmissionResult], roster: Roster | None = None, policy: LatePolicy | None = None) -> list[ClassRow]:
    """One row per result (late penalty applied) and one per roster student without a result."""
    rows, matched = [], set()
    for result in results:
        identity = identity_of(result)
        student = match(roster, identity, result.student) if roster else None
        if student is not None:
            matched.add(student.row)
        state = "" if roster is None else "matched" if student else "unmatched"
        if identity and identity.submitted_at is None and student and student.submitted_at:
            identity = replace(identity, submitted_at=student.submitted_at)  # the roster knows when (Moodle)
        days = policy.days_late(identity.submitted_at, identity.late) if policy and identity else 0
        penalty = policy.penalty(result.score, result.max_score, days) if policy else 0.0
        rows.append(ClassRow(result.student, result, identity, student, state, days, penalty))
    taken = {row.student for row in rows}
    for student in roster.students if roster else []:
        if student.row not in matched:
            name = student_id(student.login or student.name or student.email.split("@")[0] or student.lms_id)
            name = name if name not in taken else f"{name}-{student.row}"
            taken.add(name)
            rows.append(ClassRow(name, None, None, student, MISSING))
    return sorted(rows, key=lambda row: row.student)
