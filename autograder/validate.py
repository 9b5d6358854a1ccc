"""Prove a lab grades correctly: solution full marks, skeleton zero, each mutant loses its concept."""

from __future__ import annotations

from dataclasses import dataclass

from autograder.extract import extract_definitions, read_code_cells
from autograder.grading import grade_submission
from autograder.lab import Lab
from autograder.mutants import load_mutants, mutate
from autograder.notebooks.generate import is_stale, render, solution_source, student_notebook
from autograder.results import SubmissionResult
from autograder.submissions import Submission
from autograder.worker.backend import WorkerBackend


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def _scores(result: SubmissionResult) -> str:
    return ", ".join(f"{q.id} {q.score:g}/{q.max_score:g}" for q in result.questions)


def _test_layout(lab: Lab, result: SubmissionResult) -> Check:
    """Every question has public and hidden tests, and no test is orphaned."""
    problems = [f"{t.name}: {t.message}" for t in result.tests if t.category == "grader-error"]
    for question in lab.questions:
        kinds = {t.visibility for t in result.tests if t.question == question.id}
        problems += [f"question {question.id} has no {kind} test" for kind in ("public", "hidden") if kind not in kinds]
    return Check("tests cover every question", not problems, "; ".join(problems) or f"{len(result.tests)} tests")


def validate_lab(lab: Lab, backend: WorkerBackend) -> list[Check]:
    source = solution_source(lab)
    checks = [Check("student notebook is up to date", not is_stale(lab), f"regenerate with: python -m autograder generate {lab.id}")]
    solution = grade_submission(lab, Submission("solution", source.name, source.read_bytes()), backend)
    full = solution.score == solution.max_score and solution.status == "graded"
    failing = [f"{t.name}: {t.message.splitlines()[0] if t.message else t.category}" for t in solution.tests if not t.passed]
    checks.append(Check("solution scores full marks", full, f"{solution.score:g}/{solution.max_score:g} {solution.status} {'; '.join(failing)}"))
    checks.append(_test_layout(lab, solution))
    skeleton_text = render(student_notebook(source)).encode()
    skeleton = grade_submission(lab, Submission("skeleton", lab.notebook, skeleton_text), backend)
    checks.append(Check("skeleton scores zero", skeleton.score == 0, f"{skeleton.score:g}/{skeleton.max_score:g}"))
    solution_module = extract_definitions(read_code_cells(source.name, source.read_bytes())).module_source
    for mutant in load_mutants(lab):
        module = mutate(solution_module, mutant.path.read_text())
        result = grade_submission(lab, Submission(f"mutant-{mutant.name}", f"{mutant.name}.py", module.encode()), backend)
        wrong = [
            q.id for q in result.questions
            if (q.id in mutant.loses) == (q.score >= q.max_score)
        ]
        detail = f"loses {', '.join(mutant.loses)} ({mutant.why}); got {_scores(result)}"
        if wrong:
            detail += f"; unexpected result for: {', '.join(wrong)}"
        checks.append(Check(f"mutant {mutant.name}", not wrong, detail))
    return checks
