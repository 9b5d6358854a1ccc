"""Run a lab's pytest tests, in this (trusted) process, against one submission proxy."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import pytest

from autograder.judge.plugin import GradingPlugin, LabTestsBroken
from autograder.results import TestResult

_INI = Path(__file__).with_name("pytest.ini")


def run_tests(
    test_dirs: list[Path], root: Path, submission: Any, hidden_dir: Path, only_question: str | None = None
) -> list[TestResult]:
    """Every test's verdict, in collection order. Raises LabTestsBroken if tests cannot load."""
    plugin = GradingPlugin(submission, hidden_dir, only_question)
    args = [str(d) for d in test_dirs if d.is_dir()]
    args += ["-c", str(_INI), "--rootdir", str(root), "-q"]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        pytest.main(args, plugins=[plugin])
    if plugin.collection_errors:
        raise LabTestsBroken("; ".join(plugin.collection_errors))
    return plugin.results
