"""Public tests for lab 01 (perceptron, XOR and non-linearity).

Run them from the notebook with `check("QUESTION_ID")`. They check shapes, types and a few
simple values; the hidden tests check the same functions more thoroughly.
"""

import numpy as np

from autograder.testing import lab_helpers, question

lab = lab_helpers(__file__)


# ---------------------------------------------------------------- step


@question("step")
def test_step_values(submission):
    """step is 1 where z > 0 (strictly) and 0 elsewhere, so step(0) is 0."""
    z = np.array([-2.0, -0.1, 0.0, 0.1, 3.0])
    got = submission.step(z)
    expected = np.array([0, 0, 0, 1, 1])
    assert np.asarray(got).shape == (5,), f"step of 5 values: expected shape (5,), got {np.shape(got)}"
    assert np.array_equal(np.asarray(got), expected), (
        f"step({z.tolist()}): expected {expected.tolist()}, got {np.asarray(got).tolist()}. "
        "Hint: 1 where z > 0 (strictly), else 0, so step(0) is 0."
    )


@question("step")
def test_step_int_dtype(submission):
    """step returns an integer array of the input's shape."""
    got = submission.step(np.array([[-1.0, 2.0], [0.5, -0.5]]))
    assert lab.is_int_array(got), (
        f"step must return an integer array, got {type(got).__name__} "
        f"with dtype {getattr(got, 'dtype', None)}. Hint: (z > 0).astype(int)."
    )
    assert got.shape == (2, 2), f"step keeps the shape: expected (2, 2), got {got.shape}"


# ---------------------------------------------------------------- perceptron_predict


@question("perceptron_predict")
def test_predict_and_gate(submission):
    """perceptron_predict computes step(X @ w + b): with w = [1, 1], b = -1.5 it is the AND gate."""
    got = submission.perceptron_predict(lab.GATE_X, np.array([1.0, 1.0]), -1.5)
    assert lab.is_int_array(got) and got.shape == (4,), (
        f"expected an int array of shape (4,), got {got!r}"
    )
    assert np.array_equal(got, lab.AND_Y), (
        f"with w = [1, 1] and b = -1.5 the four corners give z = [-1.5, -0.5, -0.5, 0.5], so the "
        f"predictions are {lab.AND_Y.tolist()}; got {got.tolist()}. Hint: step(X @ w + b)."
    )


# ---------------------------------------------------------------- perceptron_train


@question("perceptron_train")
def test_train_returns_w_b_errors(submission):
    """perceptron_train returns (w, b, errors) with one mistake count per epoch."""
    got = submission.perceptron_train(lab.GATE_X, lab.AND_Y, lr=0.1, epochs=7, seed=0)
    assert isinstance(got, (tuple, list)) and len(got) == 3, (
        f"expected a tuple (w, b, errors), got {type(got).__name__} of length {len(got) if hasattr(got, '__len__') else '?'}"
    )
    w, b, errors = got
    w = np.asarray(w)
    assert w.shape == (2,), f"w: expected shape (2,) for 2 input features, got {w.shape}"
    assert np.ndim(b) == 0, f"b: expected a single number, got {b!r}"
    assert isinstance(errors, (list, tuple)) and len(errors) == 7, (
        f"errors: expected a list of 7 ints for epochs=7 (one per epoch, no early stop), got {errors!r}"
    )
    assert all(0 <= int(e) <= 4 and int(e) == e for e in errors), (
        f"errors[e] counts misclassified samples in epoch e: ints between 0 and 4 here; got {errors}"
    )


@question("perceptron_train")
def test_train_and_converges(submission):
    """On AND (linearly separable) the perceptron rule reaches an epoch without mistakes."""
    w, b, errors = submission.perceptron_train(lab.GATE_X, lab.AND_Y, lr=0.1, epochs=60, seed=0)
    assert errors[-1] == 0, (
        f"AND is linearly separable, so the mistakes per epoch must reach 0 (the convergence theorem "
        f"allows at most ~51 mistakes here); got errors = {errors}"
    )
    assert errors[0] >= 1, (
        f"starting from w = 0, b = 0 the first epoch must make at least one mistake on AND; got {errors[0]}. "
        "Hint: count a mistake whenever y_hat != y while visiting the sample."
    )
    z = lab.GATE_X @ np.asarray(w, dtype=float) + float(b)
    assert np.all(z[lab.AND_Y == 1] >= 0) and np.all(z[lab.AND_Y == 0] <= 0) and np.any(z != 0), (
        f"after convergence, z = X @ w + b should be positive only for (1, 1); got w = {w}, b = {b}, z = {z}"
    )


@question("perceptron_train")
def test_train_xor_never_converges(submission):
    """On XOR (not linearly separable) every epoch makes at least one mistake."""
    _, _, errors = submission.perceptron_train(lab.GATE_X, lab.XOR_Y, lr=0.1, epochs=20, seed=0)
    assert len(errors) == 20 and min(errors) >= 1, (
        f"XOR is not linearly separable: every epoch must make at least one mistake; got errors = {errors}"
    )


# ---------------------------------------------------------------- collapse_linear


@question("collapse_linear")
def test_collapse_two_layers(submission):
    """collapse_linear turns two stacked linear layers into one: W = W1 @ W2, b = b1 @ W2 + b2."""
    W1 = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, -1.0]])  # 2 -> 3
    b1 = np.array([1.0, 0.0, 2.0])
    W2 = np.array([[1.0], [1.0], [2.0]])  # 3 -> 1
    b2 = np.array([0.5])
    got = submission.collapse_linear([(W1, b1), (W2, b2)])
    assert isinstance(got, (tuple, list)) and len(got) == 2, f"expected (W, b), got {got!r}"
    W, b = (np.asarray(v, dtype=float) for v in got)
    assert W.shape == (2, 1) and b.shape == (1,), (
        f"stack 2 -> 3 -> 1: expected W of shape (2, 1) and b of shape (1,), got {W.shape} and {b.shape}"
    )
    np.testing.assert_allclose(W, W1 @ W2, err_msg="W should be W1 @ W2 (first layer first)")
    np.testing.assert_allclose(
        b, b1 @ W2 + b2, err_msg="b should be b1 @ W2 + b2: the first bias passes through the second layer"
    )


# ---------------------------------------------------------------- build_xor_model


@question("xor_model")
def test_xor_model_shapes(submission):
    """build_xor_model is a Keras MLP with a 4-unit hidden layer and one sigmoid output."""
    model = submission.build_xor_model()
    out = np.asarray(model.predict(lab.GATE_X.astype("float32"), verbose=0))
    assert out.shape == (4, 1), f"4 inputs of 2 features should give outputs of shape (4, 1), got {out.shape}"
    assert np.all((out > 0) & (out < 1)), (
        f"a sigmoid output lies strictly between 0 and 1; got {out.ravel()}. "
        "Hint: Dense(1, activation='sigmoid') as the last layer."
    )
    import keras

    dense = [layer for layer in submission.fetch_model(model).layers if isinstance(layer, keras.layers.Dense)]
    assert dense and dense[0].units == 4, (
        "the first Dense layer should be the hidden layer with hidden_units=4 units (the default); "
        f"got Dense layers with units {[layer.units for layer in dense]}"
    )


# ---------------------------------------------------------------- train_xor


@question("train_xor")
def test_train_xor_seed_0(submission):
    """train_xor(seed=0) learns XOR: probabilities above 0.5 exactly at (0, 1) and (1, 0)."""
    model = submission.fetch_model(submission.train_xor(seed=0))
    proba = np.asarray(model.predict(lab.GATE_X.astype("float32"), verbose=0)).ravel()
    assert proba.shape == (4,), f"expected one probability per point, got shape {proba.shape}"
    assert np.array_equal((proba > 0.5).astype(int), lab.XOR_Y), (
        f"train_xor(seed=0): probabilities {np.round(proba, 3)}, expected > 0.5 exactly at (0,1) and (1,0). "
        "Hint: use a non-linear hidden layer, Adam(0.1), 8 hidden units and a few hundred full-batch steps."
    )
