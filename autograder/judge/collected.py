"""A lab's tests, configured and collected once per grading process, run per submission.

`pytest.main` configures pytest, imports and collects the tests and tears it all down on every
call. A grading process grades a whole class with the same tests, so it keeps one configured
session per set of test folders and runs its collected items for each submission, as pytest's
own run loop does (and as pytest-rerunfailures re-runs items): each run ends with the last
item's teardown, so every fixture (the `submission`, a model a module-scoped fixture fetched,
a training shared by tests) ends with its submission. This leans on pytest's session API
(`_prepareconfig`, `_do_configure`, `_ensure_unconfigure`), pinned in requirements.txt and
mirrored from `_pytest.main.wrap_session`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from _pytest.config import ConftestImportFailure, PluginImportFailure, _prepareconfig
from _pytest.main import Session

from autograder.judge.faults import FaultLedger
from autograder.judge.plugin import GradingPlugin, LabTestsBroken, question_of
from autograder.results import TestResult
from autograder.safe_text import plain

_INI = Path(__file__).with_name("pytest.ini")


def pytest_arguments(test_dirs: list[Path], lab_dir: Path) -> list[str]:
    """The test folders that exist, the judge's own ini, and the course as root and conftest
    boundary: test modules get per-lab names (`04_weight_init.tests.hidden.test_hidden`), and a
    conftest above the course (a home directory, a repository's own tests) never loads."""
    args = [str(d) for d in test_dirs if d.is_dir()]
    return args + ["-c", str(_INI), "--rootdir", str(lab_dir.parent), "--confcutdir", str(lab_dir.parent)]


class CollectedTests:
    """One configured pytest session and its collected items. Raises LabTestsBroken if the
    tests cannot load (a conftest or module that fails to import, a test without a question)."""

    def __init__(self, test_dirs: list[Path], lab_dir: Path, hidden_dir: Path) -> None:
        self._plugin = GradingPlugin(hidden_dir)
        try:
            self._config = _prepareconfig(pytest_arguments(test_dirs, lab_dir), [self._plugin])
        except ConftestImportFailure as failure:
            raise LabTestsBroken(f"{failure.path.name} does not import: {_exception_line(failure.cause)}") from None
        except (PluginImportFailure, pytest.UsageError) as error:
            raise LabTestsBroken(plain(str(error), 300)) from None
        self._session: Session | None = None
        try:
            self._config._do_configure()
            self._session = Session.from_config(self._config)
            self._config.hook.pytest_sessionstart(session=self._session)
            self._config.hook.pytest_collection(session=self._session)
        except BaseException:
            self.close()
            raise
        if self._plugin.collection_errors:
            self.close()
            raise LabTestsBroken("; ".join(self._plugin.collection_errors))

    def run(self, submission: Any, faults: FaultLedger, only_question: str | None = None) -> list[TestResult]:
        """Every chosen test's verdict for `submission`, in collection order. Whatever stops a
        run half way (Ctrl-C) leaves this session unusable: close it."""
        assert self._session is not None, "a closed session runs no tests"
        items = [item for item in self._session.items if only_question is None or question_of(item) == only_question]
        self._plugin.begin(submission, faults)
        for index, item in enumerate(items):
            following = items[index + 1] if index + 1 < len(items) else None  # None: tear every fixture down
            self._config.hook.pytest_runtest_protocol(item=item, nextitem=following)
        return self._plugin.finish()

    def close(self) -> None:
        """Tear down what is still set up and unconfigure pytest (its warning filters and plugins)."""
        session, self._session = self._session, None
        try:
            if session is not None:
                self._config.hook.pytest_sessionfinish(session=session, exitstatus=pytest.ExitCode.OK)
        finally:
            self._config._ensure_unconfigure()


def _exception_line(error: BaseException) -> str:
    return plain(f"{type(error).__name__}: {error}", 300)
