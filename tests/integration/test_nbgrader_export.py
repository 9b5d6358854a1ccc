"""A lab dropped into an nbgrader course: generate_assignment and autograde work unchanged."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder.lab import find_lab
from autograder.notebooks.generate import solution_source
from autograder.notebooks.nbgrader_export import export_to_course
from autograder.notebooks.skeleton import BEGIN_SOLUTION, END_SOLUTION, solution_lines

ASSIGNMENT = "lab04"


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True, text=True, timeout=900)


def submit(course: Path, student: str, notebook: nbformat.NotebookNode, name: str) -> None:
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(notebook, folder / name)


@pytest.mark.slow
def test_nbgrader_generates_and_autogrades_a_lab(tmp_path: Path):
    lab = find_lab("04")
    course = tmp_path / "course"
    source = export_to_course(lab, course, ASSIGNMENT)
    (course / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = 'demo'\n")
    generated = nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    assert generated.returncode == 0, generated.stdout + generated.stderr
    release = nbformat.read(course / "release" / ASSIGNMENT / lab.notebook, as_version=4)
    release_text = "\n".join(cell.source for cell in release.cells)
    assert "BEGIN HIDDEN TESTS" not in release_text and "hidden=True" not in release_text
    secret = max(solution_lines(solution_source(lab).read_text()), key=len).strip()
    assert secret not in release_text

    solved = nbformat.read(source, as_version=4)
    for cell in solved.cells:
        cell.source = "\n".join(line for line in cell.source.splitlines() if line.strip() not in (BEGIN_SOLUTION, END_SOLUTION))
    submit(course, "alice", solved, lab.notebook)
    submit(course, "erin", release, lab.notebook)
    graded = nbgrader(course, "autograde", ASSIGNMENT, "--force")
    assert graded.returncode == 0, graded.stdout + graded.stderr
    with sqlite3.connect(course / "gradebook.db") as db:
        scores = dict(db.execute(
            "select student.id, sum(coalesce(grade.auto_score, 0)) from grade "
            "join submitted_notebook on grade.notebook_id = submitted_notebook.id "
            "join submitted_assignment on submitted_notebook.assignment_id = submitted_assignment.id "
            "join student on submitted_assignment.student_id = student.id group by student.id"
        ).fetchall())
    assert scores == {"alice": lab.max_score, "erin": 0}
