"""The `grade` command's arguments, checked before anything heavy is imported."""

from __future__ import annotations

from pathlib import Path

from autograder.errors import UserError
from autograder.lab import Lab, find_lab

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
