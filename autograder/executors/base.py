"""What bulk grading needs from an executor: grade these submissions, yield results as they finish."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Protocol

from autograder.results import SubmissionResult
from autograder.submissions import Submission


@dataclass(frozen=True)
class GradingJob:
    """Everything a (possibly remote) grading process needs besides the submissions."""

    lab_path: Path
    sandbox: bool = True
    warm: bool = True


class Executor(Protocol):
    def grade(self, job: GradingJob, submissions: list[Submission]) -> Iterator[SubmissionResult]:
        """Grade every submission; yield each result as soon as it is ready (any order)."""

    def close(self) -> None:
        """Release processes, zygotes and connections."""
