"""Generate a class of lab-04 notebooks for the benchmark: correct ones and one per classic mistake."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat

from autograder.mutants import load_mutants
from autograder.notebooks.generate import solution_source
from autograder.notebooks.skeleton import BEGIN_SOLUTION, END_SOLUTION
from autograder.lab import Lab

import jupytext


def _without_markers(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if line.strip() not in (BEGIN_SOLUTION, END_SOLUTION))


def _replace_definitions(cell: str, replacements: dict[str, ast.stmt]) -> str:
    tree = ast.parse(cell)
    names = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    if not names & replacements.keys():
        return cell
    tree.body = [replacements.get(getattr(node, "name", ""), node) for node in tree.body]
    return ast.unparse(tree)


SETUP_CELL_START = "from autograder.notebook import"


def solved_notebook(lab: Lab, setup_cell: bool = True) -> nbformat.NotebookNode:
    """The instructor source as a student would submit it: solutions filled in, demo cells kept
    (and without the first cell that sets up the checker, when `setup_cell` is false)."""
    notebook = jupytext.read(solution_source(lab), fmt="py:percent")
    if not setup_cell:
        notebook.cells = [cell for cell in notebook.cells if not cell.source.startswith(SETUP_CELL_START)]
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.source = _without_markers(cell.source)
    return notebook


def make_class(lab: Lab, folder: Path, size: int, setup_cell: bool = True) -> list[Path]:
    """`size` notebooks: every third one correct, the others cycling through the mutants."""
    folder.mkdir(parents=True, exist_ok=True)
    mutants = load_mutants(lab)
    paths = []
    for index in range(size):
        notebook = solved_notebook(lab, setup_cell)
        if index % 3 and mutants:
            mutant = ast.parse(mutants[index % len(mutants)].path.read_text())
            replacements = {node.name: node for node in mutant.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
            for cell in notebook.cells:
                if cell.cell_type == "code":
                    cell.source = _replace_definitions(cell.source, replacements)
        path = folder / f"student{index:03d}.ipynb"
        nbformat.write(notebook, path)
        paths.append(path)
    return paths
