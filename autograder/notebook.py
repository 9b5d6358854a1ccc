"""Check one question from inside the lab notebook, judging exactly what `grade` will see.

    from autograder.notebook import checker
    check = checker("04_weight_init")
    check("he")

In a kernel (Jupyter, Colab, VS Code) the cells it has run go through the grader's own
extraction (imports, definitions and ALL_CAPS constants only), and the public tests run on
that module: a function that leans on a dropped top-level variable fails here as it would
when graded, with a line saying why. Outside a kernel, the caller's globals are used.
"""

from __future__ import annotations

import sys
import time
import types
from typing import Any, Callable

from autograder.extract import UnreadableSubmission, extract_definitions, notebook_cells
from autograder.judge.proxy import Submission
from autograder.judge.run import run_tests
from autograder.judge.scoring import score
from autograder.lab import find_lab
from autograder.report.console import print_check
from autograder.results import SubmissionResult
from autograder.worker.local import LocalSession


def _cells_the_kernel_ran() -> list[str] | None:
    """The raw sources of the cells executed so far, oldest first; None outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    history = getattr(getattr(shell, "history_manager", None), "input_hist_raw", None)
    return [source for source in history[1:] if isinstance(source, str)] if history else None


def _graded_namespace(caller_globals: dict[str, Any]) -> tuple[dict[str, Any], list[str], str]:
    """What the grader would import from this notebook: its namespace, warnings, and an import
    error ("" if none)."""
    cells = _cells_the_kernel_ran()
    if cells is None:
        return caller_globals, [], ""
    try:
        extraction = extract_definitions(notebook_cells("your notebook", cells))
    except UnreadableSubmission as error:
        return {}, [], str(error)
    module = types.ModuleType("submission")
    try:
        exec(compile(extraction.module_source, "<your notebook's definitions>", "exec"), module.__dict__)
    except Exception as error:  # the grader would report the same import failure
        return {}, extraction.dropped_names, f"importing your definitions raised {type(error).__name__}: {error}"
    return module.__dict__, extraction.dropped_names, ""


def checker(lab_name: str) -> Callable[..., bool]:
    """A `check(question)` function bound to one lab."""
    lab = find_lab(lab_name)

    def check(question_id: str | None = None, hidden: bool = False) -> bool:
        """Run one question's public tests (all questions when None) on the notebook's definitions.

        `hidden=True` adds the hidden tests where they exist (instructors, nbgrader autograde).
        """
        chosen = [lab.question(question_id)] if question_id is not None else list(lab.questions)
        namespace, notes, import_error = _graded_namespace(sys._getframe(1).f_globals)
        started = time.monotonic()
        test_dirs = [lab.public_tests, lab.hidden_tests] if hidden else [lab.public_tests]
        session = LocalSession(namespace)
        tests = run_tests(test_dirs, lab.path, Submission(session), session.faults, lab.hidden_tests, question_id)
        tests, questions = score(lab, tests)
        questions = [q for q in questions if q.id in {c.id for c in chosen}]
        result = SubmissionResult(
            "you", lab.id, lab.version, "crashed" if import_error else "graded", import_error,
            sum(q.score for q in questions), sum(q.max_score for q in questions),
            questions, tests, duration_s=time.monotonic() - started, notes=notes,
        )
        print_check(result)
        return bool(tests) and all(t.passed for t in tests)

    return check
