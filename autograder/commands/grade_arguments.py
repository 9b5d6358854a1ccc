"""The `grade` command's arguments, checked before anything heavy is imported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from autograder.errors import UserError
from autograder.lab import Lab, find_lab
from autograder.lms.late import LatePolicy, late_policy
from autograder.lms.roster import Roster, read_roster
from autograder.lms.selection import KEEP_CHOICES

EXECUTORS = ("local", "dask")


def check_grade_arguments(
    lab_name: str, submissions: Path, out: Path, jobs: int, executor: str, scheduler: str | None,
) -> Lab:
    """The lab to grade; a UserError naming the first bad argument and what to pass instead."""
    lab = find_lab(lab_name)
    if not submissions.exists():
        raise UserError(f"{submissions} does not exist; pass the folder holding one file, folder or .zip per student (or one submission file)")
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file; pass a folder (it is created if missing)")
    if out.resolve() == submissions.resolve() or submissions.resolve() in out.resolve().parents:
        raise UserError(f"--out {out} is inside the submissions; pass a folder outside {submissions}")
    if jobs < 0:
        raise UserError(f"--jobs {jobs}: pass 0 (one job per core) or a positive number")
    if executor not in EXECUTORS:
        raise UserError(f"unknown executor '{executor}'; use --executor {' or '.join(EXECUTORS)}")
    if scheduler and executor != "dask":
        raise UserError("--scheduler needs --executor dask")
    return lab


@dataclass(frozen=True)
class GradebookOptions:
    """How the gradebook is made: which resubmission counts, the roster, late work, rounding."""

    roster: Path | None = None
    keep: str = "latest"
    due: str | None = None
    late_penalty: float = 10.0  # percent of the maximum per day late
    late_cap: float = 100.0
    grace_minutes: float = 0.0
    decimals: int = 2
    lms_column: str | None = None
    similarity_threshold: float | None = 0.5  # None: no similarity report


def check_gradebook_options(options: GradebookOptions) -> tuple[Roster | None, LatePolicy | None]:
    """The roster read and the late policy built from the options, or a UserError naming the bad one."""
    if options.keep not in KEEP_CHOICES:
        raise UserError(f"--keep {options.keep}: use one of {', '.join(KEEP_CHOICES)}")
    if not 0 <= options.decimals <= 6:
        raise UserError(f"--round {options.decimals}: pass a number of decimals from 0 to 6")
    threshold = options.similarity_threshold
    if threshold is not None and not 0 < threshold <= 1:
        raise UserError(f"--similarity-threshold {threshold}: pass a share above 0 and at most 1 (0.5: half of one's code is in the other)")
    if options.lms_column is not None and options.roster is None:
        raise UserError("--lms-column needs --roster (the LMS's gradebook export)")
    policy = late_policy(options.due, options.late_penalty, options.late_cap, options.grace_minutes)
    return (read_roster(options.roster) if options.roster else None), policy
