"""Run a lab's pytest tests, in this (trusted) process, against one submission proxy."""

from __future__ import annotations

import contextlib
import gc
import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from autograder.judge.faults import FaultLedger
from autograder.judge.plugin import GradingPlugin, LabTestsBroken
from autograder.quiet_tensorflow import import_tensorflow_quietly
from autograder.results import TestResult

_INI = Path(__file__).with_name("pytest.ini")


def run_tests(
    test_dirs: list[Path], lab_dir: Path, submission: Any, faults: FaultLedger, hidden_dir: Path,
    only_question: str | None = None,
) -> list[TestResult]:
    """Every test's verdict, in collection order. Raises LabTestsBroken if tests cannot load.

    The root is the folder holding every lab, so test modules get per-lab names
    (`04_weight_init.tests.hidden.test_hidden`): grading several labs in one process never
    reuses another lab's cached test module. Conftest files are read from that root down
    only: one in a folder above the course (a home directory, a repository's own tests) never
    reaches grading.
    """
    import_tensorflow_quietly()  # the tests import it; its C++ start-up lines would reach the terminal
    plugin = GradingPlugin(submission, faults, hidden_dir, only_question)
    args = [str(d) for d in test_dirs if d.is_dir()]
    args += ["-c", str(_INI), "--rootdir", str(lab_dir.parent), "--confcutdir", str(lab_dir.parent), "-q"]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed), _tensorflow_errors_only():
        code = pytest.main(args, plugins=[plugin])
    _freeze_once()
    if plugin.collection_errors:
        raise LabTestsBroken("; ".join(plugin.collection_errors))
    if code in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.INTERNAL_ERROR):  # e.g. a lab conftest that cannot load
        raise LabTestsBroken(_last_line(printed.getvalue()) or f"pytest stopped with {code.name}")
    if code == pytest.ExitCode.INTERRUPTED:  # pytest swallows Ctrl-C; half a run must never become a grade
        raise KeyboardInterrupt
    return plugin.results


@contextlib.contextmanager
def _tensorflow_errors_only() -> Iterator[None]:
    """TensorFlow's Python logger shows errors only while the tests run: its warnings about
    their own Keras calls (retracing notices) are not the student's nor the instructor's to act
    on, and its handler writes to the stderr of TensorFlow's import, past the redirect above."""
    logger = logging.getLogger("tensorflow")
    before = logger.level
    logger.setLevel(max(before, logging.ERROR))
    try:
        yield
    finally:
        logger.setLevel(before)


def _last_line(text: str) -> str:
    """The last non-empty line pytest printed (where it says why it stopped)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def _freeze_once() -> None:
    """After the first run, move what the process holds for good (TensorFlow, Keras, the tests
    and their cached references) out of the garbage collector's sight: later collections scan
    only what a submission's run allocates."""
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()
