"""Public tests for lab 02 (activation functions and vanishing gradients).

Run them from the notebook with `check("QUESTION_ID")`. They check shapes and a few simple
values; the hidden tests check the same functions more thoroughly (more inputs, derivatives
against finite differences and tf.GradientTape, extreme inputs, statistics over seeds).
"""


import numpy as np
import pytest

from autograder.testing import lab_helpers, question

lab = lab_helpers(__file__)

EXTREMES = np.array([-1e4, -800.0, -1.0, 0.0, 1.0, 800.0, 1e4])


def _warning_free(submission, name, z, hint):
    """Call submission.NAME(z) with numpy warnings turned into errors; return the result."""
    with lab.numpy_errors_raise(submission):
        try:
            return lab.arr(getattr(submission, name)(z))
        except Exception as error:
            if getattr(error, "type_name", None) != "FloatingPointError":
                raise
            pytest.fail(
                f"{name}({z.tolist()}) is not warning-free: numpy reported "
                f"'{getattr(error, 'student_message', error)}'. Hint: {hint}"
            )


# ---------------------------------------------------------------- sigmoid


@question("sigmoid")
def test_sigmoid_simple_values(submission):
    """sigmoid matches 1 / (1 + exp(-z)) on small inputs."""
    z = np.array([-2.0, 0.0, 2.0])
    got = lab.arr(submission.sigmoid(z))
    expected = 1 / (1 + np.exp(-z))
    assert got.shape == (3,), f"sigmoid of 3 values: expected shape (3,), got {got.shape}"
    np.testing.assert_allclose(
        got, expected, rtol=1e-5, atol=1e-7,
        err_msg=f"sigmoid({z.tolist()}): expected {expected}, got {got}",
    )


@question("sigmoid")
def test_sigmoid_extremes_warning_free(submission):
    """sigmoid is finite and warning-free at ±1e4 (no overflow in exp)."""
    got = _warning_free(
        submission, "sigmoid", EXTREMES,
        "np.exp(-z) overflows for z < -709; compute e = np.exp(-np.abs(z)) and use "
        "1/(1+e) for z >= 0 and e/(1+e) for z < 0. np.where evaluates both branches!",
    )
    assert np.all(np.isfinite(got)), f"sigmoid({EXTREMES.tolist()}) must be finite, got {got}"
    assert got[0] < 1e-300 and got[-1] == 1.0 and got[3] == 0.5, (
        f"sigmoid(-1e4) should be 0, sigmoid(0) 0.5 and sigmoid(1e4) 1; got {got[0]}, {got[3]}, {got[-1]}"
    )


@question("sigmoid")
def test_sigmoid_grad_simple_values(submission):
    """sigmoid_grad is sigmoid(z) * (1 - sigmoid(z))."""
    z = np.array([0.0, 2.0, 1e4])
    got = lab.arr(submission.sigmoid_grad(z))
    s = 1 / (1 + np.exp(-z))
    expected = s * (1 - s)
    np.testing.assert_allclose(
        got, expected, rtol=1e-5, atol=1e-7,
        err_msg=f"sigmoid_grad({z.tolist()}): expected {expected}, got {got}. "
        "Hint: sigma'(z) = sigma(z) * (1 - sigma(z)), with sigma evaluated at z.",
    )


# ---------------------------------------------------------------- tanh


@question("tanh")
def test_tanh_and_grad_simple_values(submission):
    """tanh matches np.tanh and tanh_grad is 1 - tanh(z)**2."""
    z = np.array([-1.0, 0.0, 0.5, 1e4])
    got = lab.arr(submission.tanh(z))
    np.testing.assert_allclose(
        got, np.tanh(z), rtol=1e-5, atol=1e-7,
        err_msg=f"tanh({z.tolist()}): expected {np.tanh(z)}, got {got}",
    )
    got = lab.arr(submission.tanh_grad(z))
    expected = 1 - np.tanh(z) ** 2
    np.testing.assert_allclose(
        got, expected, rtol=1e-5, atol=1e-7,
        err_msg=f"tanh_grad({z.tolist()}): expected {expected}, got {got}. "
        "Hint: tanh'(z) = 1 - tanh(z)**2 (mind the square).",
    )


# ---------------------------------------------------------------- relu


@question("relu")
def test_relu_and_grad(submission):
    """relu is max(z, 0); relu_grad is 1 only where z > 0 (0 at z = 0)."""
    z = np.array([-3.0, -0.5, 0.0, 0.5, 3.0])
    got = lab.arr(submission.relu(z))
    assert np.array_equal(got, [0, 0, 0, 0.5, 3.0]), f"relu({z.tolist()}): expected [0, 0, 0, 0.5, 3], got {got}"
    got = lab.arr(submission.relu_grad(z))
    assert np.array_equal(got, [0, 0, 0, 1, 1]), (
        f"relu_grad({z.tolist()}): expected [0, 0, 0, 1, 1], got {got}. "
        "Hint: the derivative is 1 only where z > 0; at z == 0 it is 0 (TensorFlow's convention)."
    )


@question("relu")
def test_leaky_relu_and_grad(submission):
    """leaky_relu has slope alpha (default 0.01) for z <= 0; its gradient is alpha there and 1 above."""
    z = np.array([-2.0, 0.0, 2.0])
    got = lab.arr(submission.leaky_relu(z, alpha=0.1))
    np.testing.assert_allclose(got, [-0.2, 0.0, 2.0], err_msg=f"leaky_relu({z.tolist()}, alpha=0.1): expected [-0.2, 0, 2], got {got}")
    got = lab.arr(submission.leaky_relu(z))
    np.testing.assert_allclose(got, [-0.02, 0.0, 2.0], err_msg=f"leaky_relu({z.tolist()}): the default alpha is 0.01, expected [-0.02, 0, 2], got {got}")
    got = lab.arr(submission.leaky_relu_grad(z, alpha=0.1))
    np.testing.assert_allclose(
        got, [0.1, 0.1, 1.0],
        err_msg=f"leaky_relu_grad({z.tolist()}, alpha=0.1): expected [0.1, 0.1, 1], got {got}. "
        "Hint: the slope is alpha for z <= 0 (including 0) and 1 for z > 0.",
    )


# ---------------------------------------------------------------- smooth


@question("smooth")
def test_softplus_values_and_extremes(submission):
    """softplus equals log(1 + exp(z)) and stays finite and warning-free at ±1e4."""
    got = _warning_free(
        submission, "softplus", EXTREMES,
        "log(1 + exp(z)) overflows for z > 709; use max(z, 0) + log1p(exp(-|z|)).",
    )
    expected = np.logaddexp(0.0, EXTREMES)
    np.testing.assert_allclose(
        got, expected, rtol=1e-5, atol=1e-7,
        err_msg=f"softplus({EXTREMES.tolist()}): expected {expected}, got {got}",
    )


@question("smooth")
def test_softplus_grad_swish_gelu_values(submission):
    """softplus_grad is sigmoid(z), swish is z * sigmoid(z), gelu matches its exact values."""
    z = np.array([-1.0, 0.0, 1.0])
    sig = 1 / (1 + np.exp(-z))
    got = lab.arr(submission.softplus_grad(z))
    np.testing.assert_allclose(got, sig, rtol=1e-5, atol=1e-7,
                               err_msg=f"softplus_grad({z.tolist()}): expected sigmoid(z) = {sig}, got {got}")
    got = lab.arr(submission.swish(z))
    np.testing.assert_allclose(got, z * sig, rtol=1e-5, atol=1e-7,
                               err_msg=f"swish({z.tolist()}): expected z * sigmoid(z) = {z * sig}, got {got}")
    got = lab.arr(submission.gelu(z))
    expected = np.array([-0.15880800939172324, 0.0, 0.8411919906082768])
    np.testing.assert_allclose(
        got, expected, rtol=1e-5, atol=1e-7,
        err_msg=f"gelu({z.tolist()}): expected {expected}, got {got}. "
        "Hint: use the tanh approximation, not the exact z * Phi(z) with erf.",
    )


# ---------------------------------------------------------------- softmax


@question("softmax")
def test_softmax_rows_sum_to_one(submission):
    """softmax normalises each row (the last axis) to probabilities that sum to 1."""
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    got = lab.arr(submission.softmax(z))
    e = np.exp([1.0, 2.0, 3.0])
    expected = np.array([e / e.sum(), [1 / 3, 1 / 3, 1 / 3]])
    assert got.shape == (2, 3), f"softmax of a (2, 3) array: expected shape (2, 3), got {got.shape}"
    np.testing.assert_allclose(
        got, expected, rtol=1e-5, atol=1e-7,
        err_msg=f"softmax({z.tolist()}): expected {expected}, got {got}. "
        "Hint: normalise along axis=-1 (each row), with keepdims=True.",
    )


@question("softmax")
def test_softmax_large_logits(submission):
    """softmax stays finite and warning-free for logits of ±1e4 (subtract the row maximum)."""
    z = np.array([[1e4, 0.0, -1e4]])
    got = _warning_free(
        submission, "softmax", z,
        "exp(1e4) overflows; subtract the maximum along the axis before exponentiating.",
    )
    assert np.all(np.isfinite(got)), f"softmax([[1e4, 0, -1e4]]) must be finite, got {got}"
    np.testing.assert_allclose(got, [[1.0, 0.0, 0.0]], atol=1e-7,
                               err_msg=f"softmax([[1e4, 0, -1e4]]): expected [[1, 0, 0]], got {got}")


# ---------------------------------------------------------------- gradient_norms


@question("gradient_norms")
def test_gradient_norms_shape(submission):
    """gradient_norms returns depth + 1 positive, finite norms (hidden kernels, then the output)."""
    got = submission.gradient_norms("relu", depth=4, width=16, seed=0)
    assert isinstance(got, (list, tuple)) and len(got) == 5, (
        f"gradient_norms('relu', depth=4): expected a list of 5 floats (4 hidden kernels, then the "
        f"output kernel), got {got!r}"
    )
    vals = lab.arr(got)
    assert np.all(np.isfinite(vals)) and np.all(vals > 0), f"norms must be finite and > 0, got {got}"


@question("gradient_norms")
def test_gradient_norms_sigmoid_vanishes(submission):
    """With 10 sigmoid layers the first layer's gradient is far smaller than the last's."""
    got = lab.arr(submission.gradient_norms("sigmoid", depth=10, width=32, seed=0))
    assert got.shape == (11,), f"depth=10: expected 11 norms, got {got.shape[0]}"
    ratio = got[0] / got[9]
    assert ratio < 1e-2, (
        f"with 10 sigmoid layers the first hidden layer's gradient should be far smaller than the "
        f"last hidden layer's (ratio about 1e-5); got norms {np.round(got, 8)}, ratio {ratio:.3g}. "
        "Hint: return the norms first layer first, and pass activation to every hidden Dense."
    )
