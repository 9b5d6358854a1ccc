"""lab_helpers: one helpers module per lab, shared by its public and hidden tests; reference():
a test's submission-independent computation kept per grading process; reference_model(): a
Keras model the tests hand over, built once per grading process."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from autograder.testing import lab_helpers, reference, reference_model


def _lab(root: Path, name: str, helpers: str) -> Path:
    for visibility in ("public", "hidden"):
        (root / name / "tests" / visibility).mkdir(parents=True)
        (root / name / "tests" / visibility / f"test_{visibility}.py").write_text("")
    (root / name / "tests" / "public" / "helpers.py").write_text(helpers)
    return root / name / "tests"


def test_public_and_hidden_tests_get_the_same_module(tmp_path):
    tests = _lab(tmp_path, "91_demo", "CALLS = []\ndef value():\n    return 91\n")
    public = lab_helpers(str(tests / "public" / "test_public.py"))
    hidden = lab_helpers(str(tests / "hidden" / "test_hidden.py"))
    assert public is hidden and public.value() == 91


def test_two_labs_never_share_helpers(tmp_path):
    first = _lab(tmp_path, "92_one", "def value():\n    return 1\n")
    second = _lab(tmp_path, "93_two", "def value():\n    return 2\n")
    assert lab_helpers(str(first / "hidden" / "test_hidden.py")).value() == 1
    assert lab_helpers(str(second / "hidden" / "test_hidden.py")).value() == 2


def test_a_lab_without_helpers_is_named(tmp_path):
    (tmp_path / "94_none" / "tests" / "hidden").mkdir(parents=True)
    with pytest.raises(FileNotFoundError, match="94_none"):
        lab_helpers(str(tmp_path / "94_none" / "tests" / "hidden" / "test_hidden.py"))


def test_a_broken_helpers_module_is_not_cached(tmp_path):
    tests = _lab(tmp_path, "95_broken", "raise RuntimeError('half written')\n")
    with pytest.raises(RuntimeError):
        lab_helpers(str(tests / "public" / "test_public.py"))
    (tests / "public" / "helpers.py").write_text("def value():\n    return 95\n")
    assert lab_helpers(str(tests / "public" / "test_public.py")).value() == 95


def test_every_course_lab_that_shares_helpers_loads_them():
    labs = Path(__file__).resolve().parents[2] / "labs"
    for helpers in sorted(labs.glob("*/tests/public/helpers.py")):
        module = lab_helpers(str(helpers.parents[1] / "hidden" / "test_hidden.py"))
        assert module.__file__ == str(helpers)


# ---------------------------------------------------------------- reference()


def counted_reference():
    calls = []

    @reference
    def simulate(scale, shape=(2, 2)):
        calls.append((scale, shape))
        return {"weights": np.full(shape, scale), "scale": scale}

    return simulate, calls


def test_a_reference_is_computed_once_per_argument_values():
    simulate, calls = counted_reference()
    first = simulate(0.5)
    again = simulate(0.5)
    other = simulate(0.25)
    assert len(calls) == 2 and again["scale"] == first["scale"] and other["scale"] == 0.25


def test_a_kept_reference_cannot_be_changed_through_what_a_test_got():
    simulate, _ = counted_reference()
    simulate(1.0)["weights"][:] = -7  # a test that edits its reference in place
    assert np.all(simulate(1.0)["weights"] == 1.0)


def test_arrays_are_told_apart_by_dtype_shape_and_content():
    @reference
    def total(x):
        return float(np.sum(x)), x.dtype.str, x.shape

    base = np.arange(4.0)
    assert total(base)[2] == (4,)
    assert total(base.astype("float32"))[1] == "<f4"
    assert total(base.reshape(2, 2))[2] == (2, 2)
    assert total(base + 1)[0] == 10.0
    assert total(np.arange(4.0))[0] == 6.0


def test_equal_looking_values_of_other_types_are_not_confused():
    @reference
    def kind(value):
        return type(value).__name__

    assert [kind(1), kind(1.0), kind(True), kind("1"), kind((1,)), kind([1])] == ["int", "float", "bool", "str", "tuple", "list"]


@pytest.mark.parametrize("argument", [object(), SimpleNamespace(units=3), lambda: 0, {1, 2}])
def test_only_plain_values_are_accepted_so_a_submission_object_is_never_a_key(argument):
    @reference
    def use(value):
        return 0

    with pytest.raises(TypeError, match="plain values"):
        use(argument)


def test_the_kept_references_are_bounded(monkeypatch):
    monkeypatch.setattr("autograder.testing.REFERENCES_KEPT", 3)
    simulate, calls = counted_reference()
    for scale in (1.0, 2.0, 3.0, 4.0):
        simulate(scale)
    simulate(1.0)  # the oldest was let go: computed again
    simulate(4.0)
    assert [scale for scale, _ in calls] == [1.0, 2.0, 3.0, 4.0, 1.0]


def counted_model():
    builds = []

    @reference_model
    def small(units, seed=0):
        import keras

        builds.append(units)
        keras.utils.set_random_seed(seed)
        return keras.Sequential([keras.Input((2,)), keras.layers.Dense(units, kernel_initializer="he_normal")])

    return small, builds


def test_a_reference_model_is_built_once_per_argument_values():
    small, builds = counted_model()
    first = small(3)
    assert small(3) is first and small(4) is not first and builds == [3, 4]


@pytest.mark.parametrize("change", ["weights", "architecture"])
def test_a_reference_model_a_test_changed_is_built_again(change):
    small, builds = counted_model()
    model = small(3)
    kernel = model.get_weights()[0].copy()
    if change == "weights":
        model.layers[0].kernel.assign(kernel + 1)
    else:
        model.layers[0].trainable = False
    again = small(3)
    assert builds == [3, 3] and np.array_equal(again.get_weights()[0], kernel) and again.layers[0].trainable


def test_a_reference_model_takes_plain_arguments_only():
    small, _ = counted_model()
    with pytest.raises(TypeError, match="plain values"):
        small(SimpleNamespace(units=3))
