"""The pytest plugin that runs a lab's tests in the trusted process and records verdicts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from autograder.judge.errors import StudentCodeError, SubmissionProblem
from autograder.judge.failure_text import readable_failure
from autograder.judge.faults import FaultLedger
from autograder.report.feedback import category_text
from autograder.results import PASSED, TestResult
from autograder.safe_text import plain
from autograder.testing import QUESTION_MARKER

MAX_MESSAGE_CHARS = 4000


class LabTestsBroken(Exception):
    """A lab's test file could not be collected: the lab is broken, not the submission."""


def question_of(item: pytest.Item) -> str:
    marker = item.get_closest_marker(QUESTION_MARKER)
    return str(marker.args[0]) if marker and marker.args else ""


def _hint_of(item: pytest.Item) -> str:
    doc = getattr(getattr(item, "function", None), "__doc__", None) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""  # validate requires one


class GradingPlugin:
    """Provides the `submission` fixture and turns each test's report into a TestResult."""

    def __init__(self, hidden_dir: Path) -> None:
        self._hidden_dir = hidden_dir.resolve()
        self._submission: Any = None
        self._faults = FaultLedger()
        self.results: list[TestResult] = []
        self.collection_errors: list[str] = []
        self._hidden_ids: set[str] = set()  # decided once, at collection
        self._hidden_names: dict[str, str] = {}

    def begin(self, submission: Any, faults: FaultLedger) -> None:
        """The next run grades `submission`, recording its problems in `faults`."""
        self._submission, self._faults, self.results = submission, faults, []

    def finish(self) -> list[TestResult]:
        """The run's verdicts; the plugin then holds no submission until the next `begin`."""
        results, self.results, self._submission = self.results, [], None
        return results

    @pytest.fixture(name="submission", scope="session")
    def submission_fixture(self) -> Any:
        """The submission under test. Each submission's run ends by tearing every fixture down,
        so a lab's module-scoped fixtures (a model fetched once, a training shared by tests) are
        per submission."""
        return self._submission

    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line("markers", f"{QUESTION_MARKER}(id): the lab question this test belongs to")

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.collection_errors.append(f"{report.nodeid}: {report.longreprtext[-2000:]}")

    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        """Hidden tests get opaque, stable names (parametrized ids would show their inputs)."""
        cases: dict[str, int] = {}
        for item in items:
            if not question_of(item):
                path, line, _ = item.reportinfo()
                self.collection_errors.append(
                    f"{path}:{(line or 0) + 1}: test {item.name} has no @question(...) marker; every test must belong to a lab question"
                )
            if not item.path.resolve().is_relative_to(self._hidden_dir):
                continue
            self._hidden_ids.add(item.nodeid)
            if hasattr(item, "callspec"):
                cases[item.originalname] = cases.get(item.originalname, 0) + 1
                self._hidden_names[item.nodeid] = f"{item.originalname}[case {cases[item.originalname]}]"
        if self.collection_errors:
            items[:] = []  # a broken lab grades nobody

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        self._faults.begin_test(question_of(item))

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo) -> Any:
        report = (yield).get_result()
        if call.when == "call" or (report.failed and call.when == "setup"):
            self.results.append(self._result(item, call, report))

    def _result(self, item: pytest.Item, call: pytest.CallInfo, report: pytest.TestReport) -> TestResult:
        hidden = item.nodeid in self._hidden_ids
        name = self._hidden_names.get(item.nodeid, item.name)
        result = TestResult(name, question_of(item), "hidden" if hidden else "public", PASSED, hint=_hint_of(item), duration_s=call.duration)
        error = call.excinfo.value if call.excinfo else None
        grader_side = self._faults.problem_of_test()
        if grader_side is not None and not isinstance(error, SubmissionProblem):
            error = grader_side  # a test that caught it (pytest.raises) must not pass on it
        elif report.passed:
            return result
        if isinstance(error, SubmissionProblem):  # also from a fixture that called the student's code
            result.category, message = error.category, str(error)
        else:
            result.category = "grader-error" if call.when == "setup" else "failed"
            message = readable_failure(call.excinfo.exconly() if call.excinfo else report.longreprtext)
        result.message = _hidden_message(result.category, error) if hidden else plain(message, MAX_MESSAGE_CHARS)
        return result


def _hidden_message(category: str, error: BaseException | None) -> str:
    """What a hidden test's failure may say: written by the judge, never text the submission
    produced (an exception message or a returned string could carry the test's inputs)."""
    if isinstance(error, StudentCodeError):
        return f"your code raised {error.type_name}"
    if isinstance(error, SubmissionProblem) and category in ("timeout", "crashed", "missing"):
        return plain(str(error), MAX_MESSAGE_CHARS)  # the judge's own words (the name asked for, the limit hit)
    return category_text(category)
