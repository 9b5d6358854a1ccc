"""Gradings of the instructor's code that also return their call logs, shared among warm
grading processes: what building a lab's mistake profiles and validating the lab both need.

A profile build needs the solution graded twice (answers that depend on the process's state
are left out) and every mutant graded twice: all tests, then its own question's tests again
(answers left to chance are left out). `validate` grades exactly these and the skeleton, so
it builds the profiles from its own gradings.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from autograder.diagnosis.sketch import Sketch
from autograder.executors.base import GradingJob
from autograder.executors.local import auto_jobs, local_executor
from autograder.extract import extract_definitions, read_code_cells
from autograder.grading import grade_logging_calls
from autograder.lab import Lab
from autograder.mutants import Mutant
from autograder.results import SubmissionResult
from autograder.submissions import Submission
from autograder.worker.backend import WorkerBackend

Calls = dict[str, dict[str, Sketch]]  # question -> call key -> sketch of the answer
SOLUTION, SOLUTION_AGAIN = "solution", "solution again"


@dataclass(frozen=True)
class Run:
    """One grading: whose code (`submission.student` is the run's label) and which tests."""

    submission: Submission
    public_only: bool = False
    only_question: str | None = None

    @property
    def label(self) -> str:
        return self.submission.student


def solution_module(lab: Lab) -> str:
    """The instructor's solution as grading extracts it (what mutants are applied to)."""
    from autograder.notebooks.generate import solution_source  # jupytext: not in the student package

    source = solution_source(lab)
    return extract_definitions(read_code_cells(source.name, source.read_bytes())).module_source


def mutant_label(mutant: Mutant, again: bool = False) -> str:
    return f"mutant {mutant.name}{' again' if again else ''}"


def profile_runs(solution_module: str, modules: dict[str, str], mutants: list[Mutant], public_only: bool = False) -> list[Run]:
    """The gradings a profile build needs; `modules` holds each mutant's module by name. The
    solution's second grading comes last, so that it runs where other gradings ran before it:
    in another global state than the first, whichever grading process takes it."""
    solution = solution_module.encode()
    runs = [Run(Submission(SOLUTION, "solution.py", solution), public_only)]
    for mutant in mutants:
        code = modules[mutant.name].encode()
        runs.append(Run(Submission(mutant_label(mutant), f"{mutant.name}.py", code), public_only))
        runs.append(Run(Submission(mutant_label(mutant, again=True), f"{mutant.name}.py", code), public_only, mutant.loses[0]))
    return [*runs, Run(Submission(SOLUTION_AGAIN, "solution.py", solution), public_only)]


def run_task(lab: Lab, backend: WorkerBackend, run: Run) -> str:
    """An executor task: the run's result (mistakes not named) and call log, as JSON."""
    test_dirs = [lab.public_tests] if run.public_only else None
    result, calls = grade_logging_calls(lab, run.submission, backend, test_dirs, run.only_question)
    return json.dumps({"result": result.to_json(), "calls": calls})


def graded_runs(lab: Lab, runs: list[Run], jobs: int = 0, sandbox: bool = False) -> Iterator[tuple[Run, SubmissionResult, Calls]]:
    """Each run's result and call log as soon as it is done, `jobs` warm grading processes side
    by side (0: see `auto_jobs`)."""
    jobs = auto_jobs(jobs, len(runs))
    executor = local_executor(jobs, [None] * jobs)
    try:
        for run, text in executor.map(GradingJob(lab.path, sandbox), run_task, runs):
            document = json.loads(text)
            yield run, SubmissionResult.from_json(document["result"]), document["calls"]
    finally:
        executor.close()
