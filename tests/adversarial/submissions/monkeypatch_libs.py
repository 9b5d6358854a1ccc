"""Attack: monkeypatch everything a test might use to compare answers, at import time:
numpy.testing asserts and numpy's allclose/array_equal/isclose, builtins all/any/abs,
keras.ops comparisons, TensorFlow's assert_near, a fake `pytest` module with a lying
approx, and the worker's own copies of the grader's scoring and result classes.

Expected: none of it reaches the judge, which compares with its own, untouched
libraries. add is wrong (a - b) and scale returns x * (k + 1): the right shape with
the wrong values. That wrong scale honestly passes two of scale's three tests
(test_scale_shape and test_scale_does_not_modify_input), patched or not, so the most
this submission may score is 2 (test_scale_values and both add tests must fail).
"""
import builtins
import sys
import types

import numpy as np
import numpy.testing

ALWAYS = lambda *args, **kwargs: True  # noqa: E731
NOTHING = lambda *args, **kwargs: None  # noqa: E731


def _patch():
    for name in ("assert_allclose", "assert_array_equal", "assert_equal", "assert_almost_equal", "assert_array_almost_equal"):
        setattr(numpy.testing, name, NOTHING)
    np.allclose = np.array_equal = np.isclose = np.array_equiv = ALWAYS
    builtins.all = builtins.any = ALWAYS
    builtins.abs = lambda value: 0
    try:
        import keras

        keras.ops.equal = keras.ops.all = keras.ops.isclose = ALWAYS
        import tensorflow as tf

        tf.debugging.assert_near = tf.debugging.assert_equal = NOTHING
    except Exception:
        pass
    fake_pytest = types.ModuleType("pytest")
    fake_pytest.approx = lambda expected, *args, **kwargs: types.SimpleNamespace(__eq__=ALWAYS)
    fake_pytest.fail = fake_pytest.skip = NOTHING
    sys.modules["pytest"] = fake_pytest
    try:
        import autograder.judge.scoring as scoring
        import autograder.results as results

        results.TestResult.passed = property(ALWAYS)
        scoring.score = lambda lab, tests: (tests, [])
    except Exception:
        pass
    return True


PATCHED = _patch()


def add(a, b):
    return a - b


def scale(x, k):
    return np.asarray(x) * (k + 1)
