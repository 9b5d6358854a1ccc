"""Helpers shared by lab 04's public and hidden tests (released with the public tests)."""

import numpy as np
import pytest

from autograder.testing import reference_model, trying


def arr(x):
    """x as a float64 numpy array."""
    return np.asarray(x, dtype=np.float64)


ACTS = {
    "linear": lambda z: z,
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0.0),
    "sigmoid": lambda z: 0.5 * (1.0 + np.tanh(0.5 * z)),
}


def normal_init(submission, names=("he_normal", "xavier_normal", "random_normal")):
    """The first of your normal initializers that works (so this question does not depend on
    the others being finished)."""
    for name in names:
        try:
            with trying(submission):  # a missing or unfinished initializer is not this question's fault
                init = getattr(submission, name)
                w = arr(init((8, 8), seed=1))
            if w.shape == (8, 8) and np.all(np.isfinite(w)) and w.std() > 0:
                return init
        except (Exception, pytest.fail.Exception):
            continue
    pytest.fail(f"these tests need one working initializer among {names}")


def scale_of(init, width):
    """The std your `init` actually draws at for a (width, width) kernel, from four seeds."""
    draws = [arr(init((width, width), seed=s)).ravel() for s in (101, 202, 303, 404)]
    return float(np.concatenate(draws).std())


def constant(value):
    """A Keras Constant initializer, as a plain value that `mlp` accepts."""
    return {"class_name": "Constant", "config": {"value": value}}


def build_mlp(first_init, units=4, second_init="glorot_uniform", activation="tanh", seed=0):
    """A 2-input MLP, one hidden layer of `units` initialised with `first_init` (an initializer's
    name, or `constant(v)`), built here from `seed`: a new model on each call."""
    import keras

    keras.utils.set_random_seed(seed)
    return keras.Sequential([
        keras.Input((2,)),
        keras.layers.Dense(units, activation=activation, kernel_initializer=first_init),
        keras.layers.Dense(1, activation="sigmoid", kernel_initializer=second_init),
    ])


mlp = reference_model(build_mlp)  # the same model, built once per grading process, for tests that only hand it over
