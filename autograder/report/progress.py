"""The live line of a bulk-grading run: who is being graded, the statuses so far, and an ETA
estimated from finished submissions only (start-up time is not spread over the rest)."""

from __future__ import annotations

import time
from collections import Counter
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from autograder.results import SubmissionResult

MAX_NAMES_SHOWN = 3


def eta_text(finish_times: list[float], remaining: int) -> str:
    """'ETA 3 min 20 s' from the pace between the first and the last finished submission."""
    if remaining == 0:
        return ""
    if len(finish_times) < 2:
        return "ETA after 2 results"
    pace = (finish_times[-1] - finish_times[0]) / (len(finish_times) - 1)
    seconds = round(pace * remaining)
    return f"ETA {seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"ETA {seconds} s"


def in_flight_text(waiting: list[str], jobs: int) -> str:
    """The submissions being graded now: executors hand them out in order, `jobs` at a time."""
    names = waiting[:min(jobs, MAX_NAMES_SHOWN)]
    more = len(waiting[:jobs]) - len(names)
    return ("now: " + ", ".join(names) + (f" +{more}" if more else "")) if names else ""


class GradingProgress:
    """A transient progress line on `console`; call `finished` with each result as it arrives."""

    def __init__(self, console: Console, lab_id: str, students: list[str], jobs: int) -> None:
        self._waiting, self._jobs = list(students), jobs
        self._statuses: Counter[str] = Counter()
        self._finish_times: list[float] = []
        self._progress = Progress(
            TextColumn(f"grading {lab_id}", markup=False), BarColumn(bar_width=20), MofNCompleteColumn(),
            TimeElapsedColumn(), TextColumn("{task.fields[eta]}", markup=False),
            TextColumn("{task.fields[statuses]}", markup=False), TextColumn("{task.fields[now]}", markup=False),
            console=console, transient=True,
        )
        self._task = self._progress.add_task("", total=len(students), **self._fields())

    def _fields(self) -> dict[str, str]:
        statuses = " ".join(f"{status} {n}" for status, n in sorted(self._statuses.items()))
        return {
            "eta": eta_text(self._finish_times, len(self._waiting)), "statuses": statuses,
            "now": in_flight_text(self._waiting, self._jobs),
        }

    def finished(self, result: SubmissionResult) -> None:
        if result.student in self._waiting:
            self._waiting.remove(result.student)
        self._statuses[result.status] += 1
        self._finish_times.append(time.monotonic())
        self._progress.update(self._task, advance=1, **self._fields())

    def __enter__(self) -> "GradingProgress":
        self._progress.__enter__()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._progress.__exit__(kind, error, trace)
