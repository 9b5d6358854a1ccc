"""A course lab's submission with two classic mistakes in two questions is told about both."""

from __future__ import annotations

from autograder.extract import extract_definitions, read_code_cells
from autograder.grading import grade_submission
from autograder.lab import find_lab
from autograder.mutants import load_mutants, mutate
from autograder.notebooks.generate import solution_source
from autograder.sandbox.choose import choose_backend
from autograder.submissions import Submission


def test_two_mutants_of_two_questions_in_one_submission_give_two_diagnoses():
    lab = find_lab("04")
    source = solution_source(lab)
    module = extract_definitions(read_code_cells(source.name, source.read_bytes())).module_source
    mutants = {m.name: m for m in load_mutants(lab)}
    for name in ("he_fan_out", "xavier_fan_in_only"):
        module = mutate(module, mutants[name].path.read_text())
    backend = choose_backend(lab)
    try:
        result = grade_submission(lab, Submission("two-mistakes", "two.py", module.encode()), backend)
    finally:
        backend.close()
    named = {q.id: [m.id for m in q.misconceptions] for q in result.questions if q.misconceptions}
    assert named == {"he": ["he_fan_out"], "xavier": ["xavier_fan_in_only"]}
