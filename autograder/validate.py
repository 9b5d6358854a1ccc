"""Prove a lab grades correctly: solution full marks, skeleton zero, each mutant loses its concept."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

from autograder.diagnosis.profiles import profiles_path
from autograder.errors import UserError
from autograder.executors.base import GradingJob
from autograder.executors.local import auto_jobs, local_executor
from autograder.extract import extract_definitions, read_code_cells
from autograder.judge.plugin import LabTestsBroken
from autograder.lab import Lab
from autograder.mutants import Mutant, load_mutants, mutate
from autograder.notebooks.generate import is_stale, render, solution_source, student_notebook
from autograder.results import SubmissionResult
from autograder.submissions import Submission

SOLUTION, SKELETON, MUTANT_PREFIX = "solution", "skeleton", "mutant-"


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


def _solution_checks(lab: Lab, solution: SubmissionResult) -> Iterator[Check]:
    full = solution.score == solution.max_score and solution.status == "graded"
    failing = [f"{t.name}: {t.message.splitlines()[0] if t.message else t.category}" for t in solution.tests if not t.passed]
    detail = f"{solution.score:g}/{solution.max_score:g} {solution.status} {'; '.join(failing)}"
    yield Check("solution scores full marks", full, detail, solution.duration_s)
    yield _test_layout(lab, solution)


def _mutant_check(mutant: Mutant, result: SubmissionResult) -> Check:
    wrong = [q.id for q in result.questions if (q.id in mutant.loses) == (q.score >= q.max_score)]
    detail = f"loses {', '.join(mutant.loses)} ({mutant.why}); got {_scores(result)}"
    problems = [f"unexpected result for: {', '.join(wrong)}"] if wrong else []
    diagnosed = [m.id for q in result.questions for m in q.misconceptions]
    if diagnosed != [mutant.name]:
        problems.append(f"diagnosed as {', '.join(diagnosed) or 'nothing'} instead of itself alone")
    return Check(f"mutant {mutant.name}", not problems, "; ".join([detail, *problems]), result.duration_s)


def _profiles_check(lab: Lab) -> Check:
    """The mistakes' profiles, built now (once per lab version) so that every grading finds them."""
    started = time.monotonic()
    try:
        path = profiles_path(lab)
    except UserError as error:
        return Check("mistake profiles", False, str(error), round(time.monotonic() - started, 1))
    return Check("mistake profiles", path is not None, str(path) if path else "the lab has no mutants", round(time.monotonic() - started, 1))


def validate_lab(lab: Lab, jobs: int = 0, sandbox: bool = True) -> Iterator[Check]:
    """Each check as soon as it is done: the mistakes' profiles, then the solution, the skeleton
    and every mutant graded by `jobs` warm grading processes side by side (0: see `auto_jobs`)."""
    source = solution_source(lab)
    yield Check("student notebook is up to date", not is_stale(lab), f"regenerate with: python -m autograder generate {lab.id}")
    yield _profiles_check(lab)
    solution_module = extract_definitions(read_code_cells(source.name, source.read_bytes())).module_source
    submissions = [
        Submission(SOLUTION, source.name, source.read_bytes()),
        Submission(SKELETON, lab.notebook, render(student_notebook(source)).encode()),
    ]
    mutants: dict[str, Mutant] = {}
    for mutant in load_mutants(lab):
        try:
            module = mutate(solution_module, mutant.path.read_text(), str(mutant.path))
        except UserError as error:
            yield Check(f"mutant {mutant.name}", False, str(error))
            continue
        mutants[MUTANT_PREFIX + mutant.name] = mutant
        submissions.append(Submission(MUTANT_PREFIX + mutant.name, f"{mutant.name}.py", module.encode()))
    jobs = auto_jobs(jobs, len(submissions))
    executor = local_executor(jobs, [None] * jobs)
    try:
        for result in executor.grade(GradingJob(lab.path, sandbox), submissions):
            if result.student == SOLUTION:
                yield from _solution_checks(lab, result)
            elif result.student == SKELETON:
                yield Check("skeleton scores zero", result.score == 0, f"{result.score:g}/{result.max_score:g}", result.duration_s)
            else:
                yield _mutant_check(mutants[result.student], result)
    except LabTestsBroken as error:
        yield Check("tests load", False, str(error))
    finally:
        executor.close()
