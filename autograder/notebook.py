"""Check one question from inside the lab notebook, judging exactly what `grade` will see.

    from autograder.notebook import lab_tools
    check, check_all, export = lab_tools("04_weight_init")
    check("he")        # one question's public tests
    check_all()        # every question's
    export()           # the file to upload

In a kernel (Jupyter, Colab, VS Code) the cells it has run go through the grader's own
extraction (imports, definitions and ALL_CAPS constants only), and the public tests run on
that module: a function that leans on a dropped top-level variable fails here as it would
when graded, with a line saying why. Outside a kernel, the caller's globals are used.
"""

from __future__ import annotations

import sys
from typing import Any, Callable

from autograder.extract import UnreadableSubmission, notebook_cells
from autograder.lab import find_lab
from autograder.local_check import check_definitions, graded_namespace
from autograder.notebook_export import export_notebook
from autograder.quiet_tensorflow import import_tensorflow_quietly
from autograder.where import course_origin, running_in


def _cells_the_kernel_ran() -> list[str] | None:
    """The raw sources of the cells executed so far, oldest first; None outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    history = getattr(getattr(shell, "history_manager", None), "input_hist_raw", None)
    return [source for source in history[1:] if isinstance(source, str)] if history is not None else None


def _graded_namespace(caller_globals: dict[str, Any]) -> tuple[dict[str, Any], list[str], str]:
    """What the grader would import from this notebook (the caller's globals outside a kernel)."""
    cells = _cells_the_kernel_ran()
    if cells is None:
        return caller_globals, [], ""
    try:
        return graded_namespace(notebook_cells("your notebook", cells), "your notebook")
    except UnreadableSubmission as error:
        return {}, [], str(error)


def checker(lab_name: str) -> Callable[..., bool]:
    """A `check(question)` function bound to one lab."""
    lab = find_lab(lab_name)

    def check(question_id: str | None = None, hidden: bool = False) -> bool:
        """Run one question's public tests (all questions when None) on the notebook's definitions.

        `hidden=True` adds the hidden tests where they exist (instructors, nbgrader autograde).
        """
        namespace, notes, import_error = _graded_namespace(sys._getframe(1).f_globals)
        return check_definitions(lab, namespace, notes, import_error, question_id, hidden)

    return check


def lab_tools(lab_name: str, installed_from: str = "") -> tuple[Callable[..., bool], Callable[[], bool], Callable[[], Any]]:
    """`check, check_all, export` for one lab, set up by the notebook's first cell; says in one
    line where the checker comes from (`installed_from`: the address the cell just installed it from)."""
    import_tensorflow_quietly()  # before the notebook's own `import keras`: no start-up log block
    lab = find_lab(lab_name)
    check = checker(lab.id)
    origin = f"installed the course checker from {installed_from}" if installed_from else course_origin()
    print(f"{running_in()}: {origin}; check(\"question\"), check_all() and export() are ready for lab {lab.id} ({lab.title}).")

    def check_all() -> bool:
        """Every question's public tests, one table."""
        return check(None)

    def export() -> Any:
        """Write the file to upload (named after the lab) and say where it is."""
        return export_notebook(lab, _cells_the_kernel_ran())

    return check, check_all, export
