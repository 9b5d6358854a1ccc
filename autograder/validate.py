"""Prove a lab grades correctly: solution full marks, skeleton zero, each mutant loses its concept
and is named as itself."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from autograder.diagnosis import diagnosis_on
from autograder.diagnosis.diagnose import attach_mistakes
from autograder.diagnosis.profiles import keep_profiles, profiles_from_calls
from autograder.diagnosis.runs import SOLUTION, Calls, Run, graded_runs, mutant_label, profile_runs
from autograder.diagnosis.runs import solution_module as extracted_solution
from autograder.errors import UserError
from autograder.judge.plugin import LabTestsBroken
from autograder.lab import Lab
from autograder.mutants import Mutant, load_mutants, mutate
from autograder.notebooks.generate import is_stale, render, solution_source, student_notebook
from autograder.results import SubmissionResult
from autograder.submissions import Submission

SKELETON = "skeleton"


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


def _mutants(lab: Lab, solution_module: str) -> tuple[list[Mutant], dict[str, str], list[Check]]:
    """The mutants that apply to the solution with their modules, and a failed check for each one that does not."""
    mutants, modules, failures = [], {}, []
    for mutant in load_mutants(lab):
        try:
            modules[mutant.name] = mutate(solution_module, mutant.path.read_text(), str(mutant.path))
            mutants.append(mutant)
        except UserError as error:
            failures.append(Check(f"mutant {mutant.name}", False, str(error)))
    return mutants, modules, failures


def validate_lab(lab: Lab, jobs: int = 0, sandbox: bool = True) -> Iterator[Check]:
    """Each check as soon as it is done. The skeleton, the solution (twice) and every mutant
    (all tests, then its question's again) are graded by `jobs` warm grading processes side by
    side (0: see `executors.local.auto_jobs`); the mistakes' profiles are built from those
    gradings and kept where `grade` finds them, then each mutant must be named as itself."""
    source = solution_source(lab)
    yield Check("student notebook is up to date", not is_stale(lab), f"regenerate with: python -m autograder generate {lab.id}")
    solution_module = extracted_solution(lab)
    mutants, modules, failures = _mutants(lab, solution_module)
    yield from failures
    skeleton = Run(Submission(SKELETON, lab.notebook, render(student_notebook(source)).encode()))
    graded: dict[str, tuple[SubmissionResult, Calls]] = {}
    try:
        for run, result, calls in graded_runs(lab, [skeleton, *profile_runs(solution_module, modules, mutants)], jobs, sandbox):
            graded[run.label] = (result, calls)
            if run.label == SOLUTION:
                yield from _solution_checks(lab, result)
            elif run.label == SKELETON:
                yield Check("skeleton scores zero", result.score == 0, f"{result.score:g}/{result.max_score:g}", result.duration_s)
    except LabTestsBroken as error:
        yield Check("tests load", False, str(error))
        return
    profiles = profiles_from_calls(solution_module, mutants, {label: calls for label, (_, calls) in graded.items()})
    if mutants and diagnosis_on():  # with diagnosis off no answers were logged: empty profiles would stay in grade's cache
        yield Check("mistake profiles built from these gradings", True, str(keep_profiles(lab, profiles)))
    for mutant in mutants:
        result, calls = graded[mutant_label(mutant)]
        attach_mistakes(profiles, result.questions, calls)
        yield _mutant_check(mutant, result)
