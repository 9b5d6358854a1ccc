"""What lab tests import: the marker that ties a test to a question of the lab, and helpers."""

import copy
import functools
import importlib.util
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import numpy as np
import pytest

from autograder import reference_store
from autograder.reference_store import plain_fingerprint

QUESTION_MARKER = "question"
LAB_HELPERS = "helpers.py"  # in a lab's tests/public/: shipped to students with the public tests
REFERENCES_KEPT = 256  # per cached function; the oldest goes first

Result = TypeVar("Result")
Model = TypeVar("Model")  # a keras.Model (Keras is imported by the tests, not here)


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

    ordered = np.sort(np.ravel(np.asarray(samples, dtype=np.float64)))  # sorted once: kstest's own sort is then cheap
    statistic = stats.kstest(ordered, distribution, args=(loc, scale)).statistic
    bound = 2.7 / np.sqrt(ordered.size)
    assert statistic < bound, (
        f"the values do not follow the {distribution} distribution they should "
        f"(Kolmogorov-Smirnov distance {statistic:.4f}, at most {bound:.4f} expected)"
    )
    distinct = 1 + int(np.count_nonzero(np.diff(ordered)))
    assert distinct > 0.9 * ordered.size, f"only {distinct} distinct values among {ordered.size} draws: not a continuous distribution"


def reference(function: Callable[..., Result]) -> Callable[..., Result]:
    """Compute a test's reference once per grading process, not once per submission.

    For what depends only on its arguments, never on the submission: arguments must be plain
    values (numbers, strings, None, numpy arrays, and tuples, lists or dicts of them; a
    submission's object is refused with TypeError). Each call returns a deep copy of the kept
    result, so a test that changes what it got cannot change the next submission's reference.
    A result that took a while is also kept on disk for the lab's later grading processes
    (`autograder.reference_store`): the function must be deterministic, as its name promises.
    """
    kept: dict[str, Any] = {}

    @functools.wraps(function)
    def cached(*args: Any, **kwargs: Any) -> Result:
        key = plain_fingerprint((args, sorted(kwargs.items())))
        if key not in kept:
            if len(kept) >= REFERENCES_KEPT:
                del kept[next(iter(kept))]
            kept[key] = _stored_or_computed(function, key, args, kwargs)
        return copy.deepcopy(kept[key])

    return cached


def _stored_or_computed(function: Callable[..., Result], key: str, args: tuple, kwargs: dict) -> Result:
    """`function`'s result: read from the lab's reference store (an earlier process computed
    it), or computed, and stored there when it took long (`reference_store`)."""
    path = reference_store.stored_path(function, key)
    if path is not None:
        found, value = reference_store.read(path)
        if found:
            return value
    started = time.monotonic()
    value = function(*args, **kwargs)
    if path is not None and time.monotonic() - started >= reference_store.WORTH_STORING_S:
        reference_store.store(path, value)
    return value


def reference_model(build: Callable[..., Model]) -> Callable[..., Model]:
    """Build a Keras model that tests hand to the submission once per grading process, not once
    per submission (building a model costs more than most checks).

    Arguments as for `reference`; set any seed the model needs inside `build`, so that the
    model never depends on what ran before it. Each call returns the same model object once it
    is checked: a test that changed its architecture or weights gets a fresh build, so every
    submission sees the model `build` makes. The submission itself only ever gets a copy.
    """
    kept: dict[str, tuple[Model, str, list[np.ndarray]]] = {}

    @functools.wraps(build)
    def cached(*args: Any, **kwargs: Any) -> Model:
        key = plain_fingerprint((args, sorted(kwargs.items())))
        if key not in kept or not _model_unchanged(*kept[key]):
            if key not in kept and len(kept) >= REFERENCES_KEPT:
                del kept[next(iter(kept))]
            model = build(*args, **kwargs)
            kept[key] = (model, model.to_json(), [weight.copy() for weight in model.get_weights()])
        return kept[key][0]

    return cached


def _model_unchanged(model: Any, architecture: str, weights: list[np.ndarray]) -> bool:
    """Whether `model` still has the architecture and weights it was built with."""
    now = model.get_weights()
    return (
        model.to_json() == architecture
        and len(now) == len(weights)
        and all(a.dtype == b.dtype and np.array_equal(a, b) for a, b in zip(now, weights))
    )
