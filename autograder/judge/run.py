"""Run a lab's pytest tests, in this (trusted) process, against one submission proxy."""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import logging
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from autograder.judge.collected import CollectedTests
from autograder.judge.faults import FaultLedger
from autograder.quiet_tensorflow import import_tensorflow_quietly
from autograder.results import TestResult

SESSIONS_KEPT = 4  # a grading process grades one lab; validate and check() use a few test sets

_collected: OrderedDict[tuple[tuple[Path, ...], Path, Path], CollectedTests] = OrderedDict()


def run_tests(
    test_dirs: list[Path], lab_dir: Path, submission: Any, faults: FaultLedger, hidden_dir: Path,
    only_question: str | None = None,
) -> list[TestResult]:
    """Every test's verdict, in collection order. Raises LabTestsBroken if tests cannot load.

    The tests are configured and collected on the first call for these folders and kept for
    the process's later submissions (see `CollectedTests`); a run that does not finish (Ctrl-C)
    drops them.
    """
    import_tensorflow_quietly()  # the tests import it; its C++ start-up lines would reach the terminal
    key = (tuple(test_dirs), lab_dir, hidden_dir)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), _tensorflow_errors_only():
        tests = _collected.pop(key, None) or CollectedTests(test_dirs, lab_dir, hidden_dir)
        try:
            results = tests.run(submission, faults, only_question)
        except BaseException:
            tests.close()
            raise
        _keep(key, tests)
    _freeze_once()
    return results


def _keep(key: tuple[tuple[Path, ...], Path, Path], tests: CollectedTests) -> None:
    """Keep `tests` as the most recently used; close the least recently used beyond the bound."""
    _collected[key] = tests
    while len(_collected) > SESSIONS_KEPT:
        _collected.popitem(last=False)[1].close()


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


@functools.cache
def _freeze_once() -> None:
    """After the first run, move what the process holds for good (TensorFlow, Keras, the tests
    and their cached references) out of the garbage collector's sight: later collections scan
    only what a submission's run allocates. (Cached, not asked of `gc.get_freeze_count()`, which
    walks every frozen object: tens of milliseconds per submission.)"""
    gc.collect()
    gc.freeze()
