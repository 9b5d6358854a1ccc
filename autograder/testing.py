"""What lab tests import: the marker that ties a test to a question of the lab, and helpers."""

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest

QUESTION_MARKER = "question"
LAB_HELPERS = "helpers.py"  # in a lab's tests/public/: shipped to students with the public tests


def lab_helpers(test_file: str) -> ModuleType:
    """The helpers shared by a lab's public and hidden tests: `tests/public/helpers.py` of the lab
    that `test_file` (a test module's `__file__`) belongs to, imported once per process under a
    name of its own (labs never share helpers)."""
    path = Path(test_file).resolve().parents[1] / "public" / LAB_HELPERS
    name = f"autograder_lab_helpers.{path.parents[2].name}"
    module = sys.modules.get(name)
    if module is None or getattr(module, "__file__", None) != str(path):
        if not path.is_file():
            raise FileNotFoundError(f"{path}: the lab's test helpers are missing")
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[name]
            raise
    return module


@contextmanager
def raises_in_submission(type_name: str) -> Iterator[None]:
    """Expect the student's code to raise `type_name` (named: the exception lives in the
    worker). The grader's own problems (a missing function, a timeout, a crash) never count."""
    from autograder.judge.errors import StudentCodeError

    try:
        yield
    except StudentCodeError as error:
        if error.raised_by_student and error.type_name == type_name:
            return
        raise  # another exception keeps its own category and message
    pytest.fail(f"expected your code to raise {type_name}; it returned normally")


def question(question_id: str) -> pytest.MarkDecorator:
    """Mark a test (or, as `pytestmark`, a whole module) as part of a lab question."""
    return getattr(pytest.mark, QUESTION_MARKER)(question_id)


@contextmanager
def trying(submission) -> Iterator[None]:
    """Calls inside may fail without failing the test: a missing function or an unreadable
    result there is the test's to handle, e.g. when trying several of the student's functions
    in turn. A hang or crash still costs the question. Outside this block, a test that catches
    the grader's own problems still fails with them."""
    with submission.fault_ledger().tolerating():
        yield


def assert_drawn_from(samples, distribution: str, loc: float, scale: float) -> None:
    """Assert that `samples` look like draws from a continuous scipy `distribution` ("norm",
    "uniform") with `loc` and `scale`, not only that their mean and std match.

    Kolmogorov-Smirnov: a correct sampler's statistic stays below 2.7 / sqrt(n) except with
    probability about 1e-6, for any seed; a discrete or wrongly shaped distribution with the
    right moments is far above it. Continuous draws are also almost all distinct.
    """
    import numpy as np
    from scipy import stats

    flat = np.ravel(np.asarray(samples, dtype=np.float64))
    statistic = stats.kstest(flat, distribution, args=(loc, scale)).statistic
    bound = 2.7 / np.sqrt(flat.size)
    assert statistic < bound, (
        f"the values do not follow the {distribution} distribution they should "
        f"(Kolmogorov-Smirnov distance {statistic:.4f}, at most {bound:.4f} expected)"
    )
    distinct = np.unique(flat).size
    assert distinct > 0.9 * flat.size, f"only {distinct} distinct values among {flat.size} draws: not a continuous distribution"
