"""A lab as an nbgrader assignment: solution cells marked, one autograded cell per question.

Write it into an nbgrader course's `source/<assignment>/` and run `nbgrader generate_assignment`
and `nbgrader autograde` unchanged. Each question's cell runs the public tests; its hidden-tests
block (stripped from the release by nbgrader) runs the hidden ones too.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat

from autograder.lab import Lab, Question
from autograder.notebooks.generate import NOTEBOOK_METADATA, solution_source
from autograder.notebooks.skeleton import BEGIN_SOLUTION

SCHEMA_VERSION = 3


def _nbgrader(grade_id: str, solution: bool, grade: bool, points: float | None = None) -> dict:
    metadata = {"grade": grade, "grade_id": grade_id, "locked": not solution, "schema_version": SCHEMA_VERSION, "solution": solution, "task": False}
    if points is not None:
        metadata["points"] = points
    return {"nbgrader": metadata}


def grade_cell(question: Question) -> nbformat.NotebookNode:
    source = (
        f"assert check({question.id!r})  # public tests\n"
        "### BEGIN HIDDEN TESTS\n"
        f"assert check({question.id!r}, hidden=True)  # public and hidden tests\n"
        "### END HIDDEN TESTS"
    )
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata = _nbgrader(f"grade-{question.id}", solution=False, grade=True, points=question.points)
    return cell


def nbgrader_source_notebook(lab: Lab) -> nbformat.NotebookNode:
    """The instructor notebook with nbgrader metadata and a graded cell per question."""
    notebook = jupytext.read(solution_source(lab), fmt="py:percent")
    notebook.metadata = dict(NOTEBOOK_METADATA)
    for cell in notebook.cells:
        cell.metadata = {}
    notebook.cells.append(nbformat.v4.new_markdown_cell("## Autograded tests\nOne cell per question; do not edit."))
    notebook.cells.extend(grade_cell(question) for question in lab.questions)
    for number, cell in enumerate(notebook.cells, start=1):
        cell.id = f"cell-{number:03d}"
        if cell.cell_type == "code" and BEGIN_SOLUTION in cell.source:
            cell.metadata = _nbgrader(f"solution-{number:03d}", solution=True, grade=False)
    nbformat.validate(notebook)
    return notebook


def export_to_course(lab: Lab, course: Path, assignment: str | None = None) -> Path:
    """Write the lab into `course/source/<assignment>/`; returns the notebook's path."""
    target = course / "source" / (assignment or lab.id) / lab.notebook
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbgrader_source_notebook(lab), target)
    return target
