"""Prove a lab grades correctly: solution full marks, skeleton zero, each mutant loses its concept."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from autograder.errors import UserError
from autograder.extract import extract_definitions, read_code_cells
from autograder.grading import grade_submission
from autograder.judge.plugin import LabTestsBroken
from autograder.lab import Lab
from autograder.mutants import Mutant, load_mutants, mutate
from autograder.notebooks.generate import is_stale, render, solution_source, student_notebook
from autograder.results import SubmissionResult
from autograder.submissions import Submission
from autograder.worker.backend import WorkerBackend


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    seconds: float = 0.0


def _scores(result: SubmissionResult) -> str:
    return ", ".join(f"{q.id} {q.score:g}/{q.max_score:g}" for q in result.questions)


def _test_layout(lab: Lab, result: SubmissionResult) -> Check:
    """Every question has public and hidden tests, no test is orphaned, and every test has a
    docstring (its first line is the feedback line students read)."""
    problems = [f"{t.name}: {t.message}" for t in result.tests if t.category == "grader-error"]
    problems += [f"{t.visibility} test {t.name} has no docstring" for t in result.tests if not t.hint]
    for question in lab.questions:
        kinds = {t.visibility for t in result.tests if t.question == question.id}
        problems += [f"question {question.id} has no {kind} test" for kind in ("public", "hidden") if kind not in kinds]
    return Check("tests cover every question", not problems, "; ".join(problems) or f"{len(result.tests)} tests")


def _timed(name: str, work: Callable[[], tuple[bool, str]]) -> Check:
    started = time.monotonic()
    ok, detail = work()
    return Check(name, ok, detail, round(time.monotonic() - started, 1))


def _mutant_check(lab: Lab, solution_module: str, mutant: Mutant, backend: WorkerBackend) -> tuple[bool, str]:
    try:
        module = mutate(solution_module, mutant.path.read_text(), str(mutant.path))
    except UserError as error:
        return False, str(error)
    result = grade_submission(lab, Submission(f"mutant-{mutant.name}", f"{mutant.name}.py", module.encode()), backend)
    wrong = [q.id for q in result.questions if (q.id in mutant.loses) == (q.score >= q.max_score)]
    detail = f"loses {', '.join(mutant.loses)} ({mutant.why}); got {_scores(result)}"
    problems = [f"unexpected result for: {', '.join(wrong)}"] if wrong else []
    diagnosed = [m.id for q in result.questions for m in q.misconceptions]
    if diagnosed != [mutant.name]:
        problems.append(f"diagnosed as {', '.join(diagnosed) or 'nothing'} instead of itself alone")
    return not problems, "; ".join([detail, *problems])


def validate_lab(lab: Lab, backend: WorkerBackend) -> Iterator[Check]:
    """Each check as soon as it is done (grading the solution, the skeleton, every mutant)."""
    source = solution_source(lab)
    yield Check("student notebook is up to date", not is_stale(lab), f"regenerate with: python -m autograder generate {lab.id}")
    started = time.monotonic()
    try:
        solution = grade_submission(lab, Submission("solution", source.name, source.read_bytes()), backend)
    except LabTestsBroken as error:
        yield Check("tests load", False, str(error))
        return
    full = solution.score == solution.max_score and solution.status == "graded"
    failing = [f"{t.name}: {t.message.splitlines()[0] if t.message else t.category}" for t in solution.tests if not t.passed]
    detail = f"{solution.score:g}/{solution.max_score:g} {solution.status} {'; '.join(failing)}"
    yield Check("solution scores full marks", full, detail, round(time.monotonic() - started, 1))
    yield _test_layout(lab, solution)
    skeleton_text = render(student_notebook(source)).encode()

    def skeleton() -> tuple[bool, str]:
        result = grade_submission(lab, Submission("skeleton", lab.notebook, skeleton_text), backend)
        return result.score == 0, f"{result.score:g}/{result.max_score:g}"

    yield _timed("skeleton scores zero", skeleton)
    solution_module = extract_definitions(read_code_cells(source.name, source.read_bytes())).module_source
    for mutant in load_mutants(lab):
        yield _timed(f"mutant {mutant.name}", lambda mutant=mutant: _mutant_check(lab, solution_module, mutant, backend))
