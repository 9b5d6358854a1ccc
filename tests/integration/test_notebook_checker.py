"""`check("question")` inside a real Jupyter kernel, on the notebook's own definitions."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import TOY_COURSE


def _outputs_text(cell) -> str:
    return "".join(output.get("text", "") + str(output.get("data", {}).get("text/plain", "")) for output in cell.outputs)


def _execute(cells: list[str], tmp_path) -> nbformat.NotebookNode:
    """Run the cells in a real Jupyter kernel; the executed notebook."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    return notebook


def test_check_in_a_kernel_reports_then_passes(monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.setenv("AUTOGRADER_COURSE_ROOT", str(TOY_COURSE))
    cells = [
        "from autograder.notebook import checker\ncheck = checker('00_toy')",
        "def add(a, b):\n    return a - b",
        "check('add')",
        "def add(a, b):\n    return a + b",
        "check('add')",
    ]
    notebook = _execute(cells, tmp_path)
    first, second = _outputs_text(notebook.cells[2]), _outputs_text(notebook.cells[4])
    assert "expected 5, got -1" in first and "False" in first
    assert "All public tests pass" in second and "True" in second
    assert "test_scale" not in first + second


def test_unknown_question_is_a_clear_error(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("AUTOGRADER_COURSE_ROOT", str(TOY_COURSE))
    from autograder.errors import UserError
    from autograder.notebook import checker

    with pytest.raises(UserError, match="has no question 'nope'"):
        checker("00_toy")("nope")


def test_check_judges_what_grade_sees_and_names_a_dropped_variable(monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.setenv("AUTOGRADER_COURSE_ROOT", str(TOY_COURSE))
    cells = [
        "from autograder.notebook import checker\ncheck = checker('00_toy')",
        "offset = 0\ndef add(a, b):\n    return a + b + offset",
        "check('add')",
        "OFFSET = 0\ndef add(a, b):\n    return a + b + OFFSET",
        "check('add')",
        "%time x = 1\n!echo hi\ndef scale(x, k):\n    return x * k\nscale = None",
        "check('scale')",
    ]
    notebook = _execute(cells, tmp_path)
    dropped, fixed, magics = (_outputs_text(notebook.cells[i]) for i in (2, 4, 6))
    assert "NameError" in dropped and "False" in dropped
    assert "`offset` is defined at top level" in dropped and "name it OFFSET" in dropped
    assert "All public tests pass" in fixed and "True" in fixed and "offset" not in fixed
    # the grader drops `scale = None` too, so the function is what is checked, as when graded
    assert "All public tests pass" in magics and "True" in magics


def test_grade_feedback_carries_the_same_warning(grade_source):
    result = grade_source("offset = 0\ndef add(a, b):\n    return a + b + offset\n")
    assert any("`offset` is defined at top level" in note for note in result.notes)
    assert {t.category for t in result.tests if t.question == "add"} == {"error"}
