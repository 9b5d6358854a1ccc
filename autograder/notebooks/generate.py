"""The student notebook, generated from the instructor's jupytext source."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jupytext
import nbformat

from autograder.errors import UserError
from autograder.extract import notebook_cells
from autograder.lab import Lab
from autograder.notebooks.setup_cell import setup_cell
from autograder.notebooks.skeleton import strip_solutions

NOTEBOOK_METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def solution_source(lab: Lab) -> Path:
    """`solutions/<lab>/<notebook stem>.py`, the instructor's source."""
    path = lab.solution_dir / (Path(lab.notebook).stem + ".py")
    if not path.is_file():
        raise UserError(f"lab {lab.id} has no instructor source at {path}")
    return path


_SHORT_SETUP = re.compile(r'from autograder\.notebook import lab_tools\ncheck, check_all, export = lab_tools\("([\w.-]+)"\)')


def student_notebook(source: Path, package_url: str = "", keep_solutions: bool = False) -> nbformat.NotebookNode:
    """Read the source, strip solutions (unless `keep_solutions`) and outputs, expand the setup
    cell with the student package's install address, give cells stable ids."""
    notebook = jupytext.read(source, fmt="py:percent")
    notebook.metadata = dict(NOTEBOOK_METADATA)
    for number, cell in enumerate(notebook.cells, start=1):
        cell.id = f"cell-{number:03d}"
        cell.metadata = {}
        if cell.cell_type == "code":
            setup = _SHORT_SETUP.fullmatch(cell.source.strip())
            if setup:
                cell.source = setup_cell(setup.group(1), package_url)
            elif not keep_solutions:
                cell.source = strip_solutions(cell.source, f"{source.name}, cell {number}")
            _require_parses(cell.source, f"{source.name}, cell {number}")
            cell.outputs, cell.execution_count = [], None
    nbformat.validate(notebook)
    return notebook


def _require_parses(code: str, where: str) -> None:
    """A student cell that does not parse would hand every student a syntax error."""
    (python,) = notebook_cells(where, [code])
    try:
        ast.parse(python)
    except SyntaxError as error:
        line = (python.splitlines() or [""])[max((error.lineno or 1) - 1, 0)].strip()
        raise UserError(
            f"{where}: the student version does not parse (line {error.lineno}: {error.msg}: {line!r}); "
            "check the indentation of '### BEGIN SOLUTION' and the code around it"
        ) from None


def render(notebook: nbformat.NotebookNode) -> str:
    return nbformat.writes(notebook) + "\n"


def generate(lab: Lab) -> Path:
    """Write the lab's student notebook from its source; returns its path."""
    lab.notebook_path.write_text(render(student_notebook(solution_source(lab))))
    return lab.notebook_path


def is_stale(lab: Lab) -> bool:
    """True when the committed student notebook differs from a fresh generation."""
    fresh = render(student_notebook(solution_source(lab)))
    return not lab.notebook_path.is_file() or lab.notebook_path.read_text() != fresh
