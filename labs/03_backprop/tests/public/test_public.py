"""Public tests for lab 03 (backpropagation by hand).

Run them from the notebook with `check("QUESTION_ID")`. They check shapes, types and a few
simple values; the hidden tests check the same functions more thoroughly.
"""

import numpy as np

from autograder.testing import lab_helpers, question

lab = lab_helpers(__file__)


def _column(y_hat, m):
    """Your y_hat as an (m, 1) column; (m,) is accepted too."""
    y_hat = lab.arr(y_hat)
    assert y_hat.shape in ((m, 1), (m,)), (
        f"y_hat should have shape ({m}, 1) for {m} examples and one output, got {y_hat.shape}"
    )
    return y_hat.reshape(m, 1)


# ---------------------------------------------------------------- init


@question("init")
def test_init_shapes(submission):
    """init_params returns W1, b1, W2, b2 with the right shapes and zero biases."""
    params = submission.init_params(2, 16, 1, seed=0)
    assert isinstance(params, dict) and set(params) == lab.KEYS, (
        f"expected a dict with keys {sorted(lab.KEYS)}, got {params if not isinstance(params, dict) else sorted(params)}"
    )
    expected = {"W1": (2, 16), "b1": (16,), "W2": (16, 1), "b2": (1,)}
    got = {name: lab.arr(value).shape for name, value in params.items()}
    assert got == expected, f"init_params(2, 16, 1): expected shapes {expected}, got {got}"
    assert np.all(lab.arr(params["b1"]) == 0) and np.all(lab.arr(params["b2"]) == 0), (
        "the biases should start at zero"
    )


@question("init")
def test_init_scale_and_seed(submission):
    """init_params draws W with std 1/sqrt(fan_in) and is reproducible for one seed."""
    params = submission.init_params(100, 200, 50, seed=1)
    std1, std2 = lab.arr(params["W1"]).std(), lab.arr(params["W2"]).std()
    assert abs(std1 / 0.1 - 1) < 0.05, (
        f"init_params(100, 200, 50): W1 should have std 1/sqrt(n_in) = 0.1, got {std1:.4f}. "
        "Hint: rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_in, n_hidden))."
    )
    assert abs(std2 / (1 / np.sqrt(200)) - 1) < 0.05, (
        f"W2 should have std 1/sqrt(n_hidden) = {1 / np.sqrt(200):.4f}, got {std2:.4f}"
    )
    again = submission.init_params(100, 200, 50, seed=1)
    assert all(np.array_equal(lab.arr(params[k]), lab.arr(again[k])) for k in lab.KEYS), (
        "two calls with seed=1 gave different parameters. Hint: use rng = np.random.default_rng(seed)."
    )


# ---------------------------------------------------------------- forward


@question("forward")
def test_forward_returns_prediction_and_cache(submission):
    """forward returns (y_hat, cache) with one prediction per row of X."""
    X = np.random.default_rng(0).normal(size=(6, 2))
    result = submission.forward(X, lab.random_params(2, 4, seed=1))
    assert isinstance(result, (tuple, list)) and len(result) == 2, (
        f"forward should return a pair (y_hat, cache), got {type(result).__name__}"
    )
    _column(result[0], 6)


@question("forward")
def test_forward_values(submission):
    """forward computes sigmoid(tanh(X @ W1 + b1) @ W2 + b2)."""
    X = np.random.default_rng(0).normal(size=(6, 2))
    params = lab.random_params(2, 4, seed=1)
    y_hat = _column(submission.forward(X, params)[0], 6)
    expected = lab.reference_forward(X, params)
    assert np.allclose(y_hat, expected, rtol=1e-6, atol=1e-8), (
        f"expected y_hat {np.round(expected.ravel(), 5)}, got {np.round(y_hat.ravel(), 5)}. "
        "Hint: A1 = tanh(X @ W1 + b1), y_hat = sigmoid(A1 @ W2 + b2); don't forget the biases."
    )


# ---------------------------------------------------------------- loss


@question("loss")
def test_loss_value(submission):
    """bce_loss is the mean binary cross-entropy."""
    got = submission.bce_loss(np.array([[0.9], [0.2], [0.6]]), np.array([[1], [0], [1]]))
    expected = -(np.log(0.9) + np.log(0.8) + np.log(0.6)) / 3
    assert np.ndim(got) == 0, f"bce_loss should return one number, got shape {np.shape(got)}"
    assert np.isclose(float(got), expected, rtol=1e-7), (
        f"bce_loss([0.9, 0.2, 0.6], [1, 0, 1]): expected -(ln 0.9 + ln 0.8 + ln 0.6)/3 = "
        f"{expected:.6f}, got {float(got):.6f}. Hint: the MEAN of -(y log p + (1-y) log(1-p))."
    )


@question("loss")
def test_loss_mixed_shapes(submission):
    """bce_loss gives the same value for y of shape (m,) and y_hat of shape (m, 1)."""
    y_hat = np.array([[0.9], [0.2], [0.6]])
    got = submission.bce_loss(y_hat, np.array([1, 0, 1]))
    expected = -(np.log(0.9) + np.log(0.8) + np.log(0.6)) / 3
    assert np.isclose(float(got), expected, rtol=1e-7), (
        f"bce_loss with y_hat of shape (3, 1) and y of shape (3,): expected {expected:.6f}, got "
        f"{float(got):.6f}. Hint: (3, 1) and (3,) broadcast to a (3, 3) matrix; reshape y first."
    )


@question("loss")
def test_loss_finite_at_0_and_1(submission):
    """bce_loss stays finite when y_hat is exactly 0 or 1 (clip first)."""
    wrong = float(submission.bce_loss(np.array([0.0, 1.0]), np.array([1, 0])))
    right = float(submission.bce_loss(np.array([1.0, 0.0]), np.array([1, 0])))
    assert np.isfinite(wrong) and wrong > 10, (
        f"confident and wrong (y_hat = 0 for y = 1): expected a large finite loss, got {wrong}. "
        "Hint: clip y_hat into [eps, 1 - eps] before the logs."
    )
    assert np.isfinite(right) and 0 <= right < 1e-6, (
        f"confident and right: expected a loss of about 0, got {right}. Hint: 0 * log(0) is nan; clip."
    )


# ---------------------------------------------------------------- numgrad


@question("numgrad")
def test_numgrad_sum_is_ones(submission):
    """numerical_gradient of sum(x) is all ones, with the shape of x."""
    np_ = submission.import_module("numpy")
    x = np.arange(6.0).reshape(2, 3)
    got = lab.arr(submission.numerical_gradient(np_.sum, x))
    assert got.shape == (2, 3), f"the gradient must have the shape of x, (2, 3); got {got.shape}"
    assert np.allclose(got, 1.0, atol=1e-7), (
        f"the gradient of sum(x) is all ones, got {got}. Hint: perturb one entry at a time."
    )


@question("numgrad")
def test_numgrad_norm(submission):
    """numerical_gradient of the norm ||x|| is x / ||x|| (central differences)."""
    np_ = submission.import_module("numpy")
    x = np.array([3.0, -4.0, 12.0])
    got = lab.arr(submission.numerical_gradient(np_.linalg.norm, x))
    expected = x / 13.0
    assert np.allclose(got, expected, rtol=1e-6, atol=1e-9), (
        f"gradient of ||x|| at {x}: expected x / ||x|| = {np.round(expected, 6)}, "
        f"got {np.round(got, 6)}. Hint: (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)."
    )


# ---------------------------------------------------------------- backward


@question("backward")
def test_backward_keys_and_shapes(submission):
    """backward returns a gradient for each parameter, with that parameter's shape."""
    X = np.random.default_rng(0).normal(size=(8, 3))
    y = np.array([0, 1, 1, 0, 1, 0, 0, 1])
    params = lab.random_params(3, 5, seed=2)
    _, cache = submission.forward(X, params)
    grads = submission.backward(X, y, params, cache)
    assert isinstance(grads, dict) and set(grads) == lab.KEYS, (
        f"backward should return a dict with keys {sorted(lab.KEYS)}"
    )
    for name in lab.KEYS:
        assert lab.arr(grads[name]).shape == params[name].shape, (
            f"the gradient for {name} must have the shape of {name}, {params[name].shape}; got "
            f"{lab.arr(grads[name]).shape}. Hint: bias gradients are dZ.sum(axis=0)."
        )


@question("backward")
def test_backward_matches_autodiff(submission):
    """backward's gradients match tf.GradientTape's."""
    X = np.random.default_rng(0).normal(size=(8, 3))
    y = np.array([0, 1, 1, 0, 1, 0, 0, 1])
    params = lab.random_params(3, 5, seed=2)
    _, cache = submission.forward(X, params)
    grads = submission.backward(X, y, params, cache)
    expected = lab.tape_gradients(X, y, params)
    for name in ("W2", "b2", "W1", "b1"):
        got = lab.arr(grads[name]).reshape(params[name].shape)
        assert np.allclose(got, expected[name], rtol=1e-6, atol=1e-9), (
            f"d{name}: expected (tf.GradientTape) {np.round(expected[name].ravel(), 5)}, "
            f"got {np.round(got.ravel(), 5)}. Hint: dZ2 = (y_hat - y) / m, "
            "dZ1 = (dZ2 @ W2.T) * (1 - A1**2); check the 1/m and the tanh derivative."
        )


# ---------------------------------------------------------------- train


@question("train")
def test_train_moons_accuracy(submission):
    """train reaches at least 95% accuracy on the two moons."""
    from sklearn.datasets import make_moons

    X, y = make_moons(500, noise=0.1, random_state=0)
    params = submission.train(X, y)
    assert isinstance(params, dict) and set(params) == lab.KEYS, (
        f"train should return the params dict with keys {sorted(lab.KEYS)}"
    )
    accuracy = np.mean((lab.reference_forward(X, params)[:, 0] >= 0.5) == y)
    assert accuracy >= 0.95, (
        f"train(X, y) on the moons: expected accuracy >= 0.95, got {accuracy:.3f}. "
        "Hint: full-batch gradient descent, params[k] - lr * grads[k], with the defaults "
        "n_hidden=16, lr=0.5, epochs=2000; 88% means only a linear boundary was learned."
    )
