"""Hidden tests for lab 03 (backpropagation by hand).

References are independent of any solution: closed forms, our own numpy forward pass, Keras'
Dense layers and loss with the same weights, central finite differences computed here,
tf.GradientTape on the same parameters, and statistical properties with tolerances that a
correct answer meets for any seed (>= 3e4 draws per standard deviation).

Dependencies between questions: `backward` receives the cache of the student's own `forward`
(its format is the student's choice), and `train` trains with the student's own init, forward
and backward, so a broken forward or backward also costs those. No test calls another graded
function otherwise.
"""

import numpy as np
import pytest

from autograder.testing import assert_drawn_from, lab_helpers, question

lab = lab_helpers(__file__)


def _reference_loss(X, y, params):
    """Mean BCE computed from the logits (no clipping needed, no y_hat formula shared)."""
    A1 = np.tanh(X @ params["W1"] + params["b1"])
    z = (A1 @ params["W2"] + params["b2"]).ravel()
    y = lab.arr(y).ravel()
    # -(y log s(z) + (1-y) log(1-s(z))) = softplus(z) - y z
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def _data(m, n_in, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n_in))
    y = (rng.random(m) < 0.5).astype(np.int64)
    return X, y


def _y_hat(submission, X, params):
    """The student's y_hat as an (m, n_out) array; for one output (m,) is accepted too."""
    result = submission.forward(X, params)
    assert isinstance(result, (tuple, list)) and len(result) == 2
    y_hat = lab.arr(result[0])
    m, n_out = X.shape[0], params["W2"].shape[1]
    allowed = [(m, n_out)] + ([(m,)] if n_out == 1 else [])
    assert y_hat.shape in allowed, y_hat.shape
    return y_hat.reshape(m, n_out)


# ================================================================ init


@question("init")
def test_init_keys_and_shapes(submission):
    """init_params returns W1 (n_in, n_hidden), b1 (n_hidden,), W2 (n_hidden, n_out), b2 (n_out,)."""
    for n_in, n_hidden, n_out in [(2, 16, 1), (5, 3, 4), (1, 1, 1)]:
        params = submission.init_params(n_in, n_hidden, n_out, seed=0)
        assert isinstance(params, dict) and set(params) == lab.KEYS
        got = {name: lab.arr(value).shape for name, value in params.items()}
        assert got == {"W1": (n_in, n_hidden), "b1": (n_hidden,), "W2": (n_hidden, n_out), "b2": (n_out,)}


@question("init")
def test_init_biases_zero_weights_finite(submission):
    """Biases start at exactly zero; weights are finite floats."""
    params = submission.init_params(7, 9, 3, seed=4)
    assert np.all(lab.arr(params["b1"]) == 0) and np.all(lab.arr(params["b2"]) == 0)
    for name in ("W1", "W2"):
        w = np.asarray(params[name])
        assert np.issubdtype(w.dtype, np.floating) and np.all(np.isfinite(w))


@question("init")
@pytest.mark.parametrize("sizes", [(400, 300, 200), (50, 600, 100)])
def test_init_weight_scales(submission, sizes):
    """W1 is drawn from N(0, 1/n_in) and W2 from N(0, 1/n_hidden): their moments and their shape."""
    n_in, n_hidden, n_out = sizes
    params = submission.init_params(n_in, n_hidden, n_out, seed=3)
    for name, std in (("W1", 1 / np.sqrt(n_in)), ("W2", 1 / np.sqrt(n_hidden))):
        w = lab.arr(params[name])
        np.testing.assert_allclose(w.std(), std, rtol=0.04, err_msg=name)
        assert abs(w.mean()) < 0.05 * std, name
        assert_drawn_from(w, "norm", 0.0, std)


@question("init")
def test_init_breaks_symmetry(submission):
    """Every hidden unit starts with different incoming and outgoing weights."""
    for seed in range(3):
        params = submission.init_params(2, 16, 1, seed=seed)
        W1, W2 = lab.arr(params["W1"]), lab.arr(params["W2"])
        columns = W1.T
        distances = np.abs(columns[:, None, :] - columns[None, :, :]).sum(-1)
        assert np.all(distances[~np.eye(16, dtype=bool)] > 1e-6)
        assert np.unique(np.round(W2.ravel(), 12)).size == 16


@question("init")
def test_init_seeding(submission):
    """init_params: same seed same parameters, another seed other weights, default seed is 0."""
    a = submission.init_params(3, 8, 2, seed=5)
    b = submission.init_params(3, 8, 2, seed=5)
    c = submission.init_params(3, 8, 2, seed=6)
    d = submission.init_params(3, 8, 2)
    e = submission.init_params(3, 8, 2, seed=0)
    for name in lab.KEYS:
        assert np.array_equal(lab.arr(a[name]), lab.arr(b[name]))
        assert np.array_equal(lab.arr(d[name]), lab.arr(e[name]))
    assert not np.allclose(lab.arr(a["W1"]), lab.arr(c["W1"]))
    assert not np.allclose(lab.arr(a["W2"]), lab.arr(c["W2"]))


# ================================================================ forward


@question("forward")
def test_forward_matches_closed_form(submission):
    """y_hat = sigmoid(tanh(X W1 + b1) W2 + b2), biases included, for several sizes."""
    for m, n_in, n_hidden, seed in [(10, 2, 16, 0), (1, 3, 4, 1), (25, 5, 7, 2)]:
        X, _ = _data(m, n_in, seed)
        params = lab.random_params(n_in, n_hidden, seed=seed + 10)
        np.testing.assert_allclose(
            _y_hat(submission, X, params), lab.reference_forward(X, params), rtol=1e-7, atol=1e-10
        )


@question("forward")
def test_forward_matches_keras_layers(submission):
    """forward agrees with Keras Dense(tanh) -> Dense(sigmoid) given the same weights."""
    import keras

    X, _ = _data(30, 4, seed=3)
    params = lab.random_params(4, 6, n_out=2, seed=4)
    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(6, activation="tanh"),
        keras.layers.Dense(2, activation="sigmoid"),
    ])
    model.set_weights([params["W1"], params["b1"], params["W2"], params["b2"]])
    expected = model.predict(X.astype("float32"), verbose=0)
    np.testing.assert_allclose(_y_hat(submission, X, params), expected, rtol=1e-5, atol=1e-6)


@question("forward")
def test_forward_several_outputs(submission):
    """With n_out = 3 sigmoid outputs, y_hat has shape (m, 3)."""
    X, _ = _data(9, 2, seed=5)
    params = lab.random_params(2, 5, n_out=3, seed=6)
    y_hat = lab.arr(submission.forward(X, params)[0])
    assert y_hat.shape == (9, 3)
    np.testing.assert_allclose(y_hat, lab.reference_forward(X, params), rtol=1e-7, atol=1e-10)


@question("forward")
def test_forward_saturated_is_finite(submission):
    """Huge pre-activations give finite predictions in [0, 1] (no nan from the sigmoid)."""
    X = np.array([[1.0, -1.0], [-1.0, 1.0], [0.5, 0.5]])
    params = {
        "W1": np.array([[50.0, -50.0], [-50.0, 50.0]]),
        "b1": np.zeros(2),
        "W2": np.array([[800.0], [-800.0]]),
        "b2": np.array([0.0]),
    }
    y_hat = _y_hat(submission, X, params)
    assert np.all(np.isfinite(y_hat)) and np.all((y_hat >= 0) & (y_hat <= 1))
    np.testing.assert_allclose(y_hat[:2, 0], [1.0, 0.0], atol=1e-12)


@question("forward")
def test_forward_deterministic(submission):
    """forward is deterministic: the same X and params give the same y_hat."""
    X, _ = _data(12, 3, seed=7)
    params = lab.random_params(3, 4, seed=8)
    first = _y_hat(submission, X, params)
    second = _y_hat(submission, X, params)
    np.testing.assert_array_equal(first, second)


# ================================================================ loss


def _bce_closed_form(p, y):
    p, y = lab.arr(p).ravel(), lab.arr(y).ravel()
    return float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))


@question("loss")
def test_loss_closed_form(submission):
    """bce_loss is the mean of -(y log p + (1 - y) log(1 - p)) for (m, 1) inputs."""
    rng = np.random.default_rng(0)
    for m in (1, 7, 200):
        p = rng.uniform(0.01, 0.99, size=(m, 1))
        y = (rng.random((m, 1)) < 0.5).astype(np.float64)
        got = submission.bce_loss(p, y)
        assert np.ndim(got) == 0
        np.testing.assert_allclose(float(got), _bce_closed_form(p, y), rtol=1e-9)


@question("loss")
def test_loss_matches_keras(submission):
    """bce_loss agrees with keras.losses.BinaryCrossentropy on ordinary predictions."""
    import keras

    rng = np.random.default_rng(1)
    p = rng.uniform(0.02, 0.98, size=(50, 1))
    y = (rng.random((50, 1)) < 0.4).astype(np.float64)
    expected = float(keras.losses.BinaryCrossentropy()(y.astype("float32"), p.astype("float32")))
    np.testing.assert_allclose(float(submission.bce_loss(p, y)), expected, rtol=1e-5)


@question("loss")
def test_loss_shape_combinations(submission):
    """y_hat and y of shapes (m,) and (m, 1), in any combination, give the same mean loss."""
    rng = np.random.default_rng(2)
    p = rng.uniform(0.05, 0.95, size=12)
    y = (rng.random(12) < 0.5).astype(np.int64)
    expected = _bce_closed_form(p, y)
    for p_shape in [(12,), (12, 1)]:
        for y_shape in [(12,), (12, 1)]:
            got = submission.bce_loss(p.reshape(p_shape), y.reshape(y_shape))
            assert np.ndim(got) == 0, (p_shape, y_shape)
            np.testing.assert_allclose(float(got), expected, rtol=1e-9, err_msg=f"{p_shape} {y_shape}")


@question("loss")
def test_loss_finite_at_extremes(submission):
    """Predictions of exactly 0 or 1 give a finite loss: large when wrong, about 0 when right."""
    wrong = float(submission.bce_loss(np.array([[0.0], [1.0]]), np.array([[1.0], [0.0]])))
    right = float(submission.bce_loss(np.array([[1.0], [0.0]]), np.array([[1.0], [0.0]])))
    mixed = float(submission.bce_loss(np.array([0.0, 0.3]), np.array([0, 1])))
    assert np.isfinite(wrong) and wrong > 10
    assert np.isfinite(right) and 0 <= right < 1e-6
    np.testing.assert_allclose(mixed, -np.log(0.3) / 2, rtol=1e-6)


@question("loss")
def test_loss_is_mean_not_sum(submission):
    """Repeating the data set does not change the loss (a mean, not a sum)."""
    rng = np.random.default_rng(3)
    p = rng.uniform(0.1, 0.9, size=(20, 1))
    y = (rng.random((20, 1)) < 0.5).astype(np.float64)
    once = float(submission.bce_loss(p, y))
    twice = float(submission.bce_loss(np.vstack([p, p]), np.vstack([y, y])))
    np.testing.assert_allclose(once, twice, rtol=1e-9)
    np.testing.assert_allclose(once, _bce_closed_form(p, y), rtol=1e-9)


# ================================================================ numerical_gradient
#
# The functions differentiated are numpy's own (np.linalg.det, np.var, ...) taken inside the
# worker; the expected gradients are closed forms. det is affine in each single entry and var
# is quadratic, so central differences are exact for them at any eps (forward differences are
# not for var), which lets the tests use a large eps where mistakes show clearly.


def _np(submission):
    return submission.import_module("numpy")


@question("numgrad")
def test_numgrad_sum_any_shape(submission):
    """numerical_gradient works for x of any shape (1-D, 2-D, 3-D) and returns x's shape."""
    for shape in [(5,), (3, 4), (2, 3, 2)]:
        x = np.random.default_rng(0).normal(size=shape)
        got = lab.arr(submission.numerical_gradient(_np(submission).sum, x))
        assert got.shape == shape
        np.testing.assert_allclose(got, np.ones(shape), atol=1e-8)


@question("numgrad")
def test_numgrad_norm_default_eps(submission):
    """Gradient of the Euclidean norm of a 3-D array: x / ||x|| (default eps)."""
    x = np.random.default_rng(1).normal(size=(2, 3, 4))
    got = lab.arr(submission.numerical_gradient(_np(submission).linalg.norm, x))
    np.testing.assert_allclose(got, x / np.linalg.norm(x), rtol=1e-6, atol=1e-9)


@question("numgrad")
def test_numgrad_determinant(submission):
    """Gradient of det(A) is det(A) * inv(A).T; exact with central differences even for eps = 0.1."""
    A = np.random.default_rng(2).normal(size=(3, 3)) + 2 * np.eye(3)
    expected = np.linalg.det(A) * np.linalg.inv(A).T
    det = _np(submission).linalg.det
    np.testing.assert_allclose(
        lab.arr(submission.numerical_gradient(det, A)), expected, rtol=1e-6, atol=1e-9
    )
    np.testing.assert_allclose(
        lab.arr(submission.numerical_gradient(det, A, eps=0.1)), expected, rtol=1e-9, atol=1e-12
    )


@question("numgrad")
def test_numgrad_is_central_difference(submission):
    """Central, not forward, differences: the gradient of var(x) is exact even for eps = 0.5."""
    x = np.random.default_rng(3).normal(size=7)
    expected = 2 * (x - x.mean()) / x.size
    var = _np(submission).var
    np.testing.assert_allclose(
        lab.arr(submission.numerical_gradient(var, x, eps=0.5)), expected, rtol=1e-9, atol=1e-12
    )
    np.testing.assert_allclose(
        lab.arr(submission.numerical_gradient(var, x)), expected, rtol=1e-6, atol=1e-9
    )


@question("numgrad")
def test_numgrad_uses_eps(submission):
    """numerical_gradient uses the eps it is given: (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)."""
    x = np.array([1.0, 1.05, 0.0, -2.0])

    def central(eps):  # our own central differences of max(x), a non-smooth function
        out = np.zeros_like(x)
        for i in range(x.size):
            step = np.zeros_like(x)
            step[i] = eps
            out[i] = (np.max(x + step) - np.max(x - step)) / (2 * eps)
        return out

    maximum = _np(submission).max
    for eps in (0.1, 0.03, 1e-5):
        np.testing.assert_allclose(
            lab.arr(submission.numerical_gradient(maximum, x, eps=eps)), central(eps), rtol=1e-6, atol=1e-9
        )


@question("numgrad")
def test_numgrad_product_matrix(submission):
    """Gradient of prod(x) over a 2-D array: prod(x) / x_i, entry by entry."""
    x = np.random.default_rng(4).uniform(0.5, 1.5, size=(2, 3))
    got = lab.arr(submission.numerical_gradient(_np(submission).prod, x, eps=1e-3))
    np.testing.assert_allclose(got, np.prod(x) / x, rtol=1e-9, atol=1e-12)


# ================================================================ backward


def _finite_difference_gradients(X, y, params, eps=1e-6):
    grads = {}
    for name, value in params.items():
        g = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            plus = {k: v.copy() for k, v in params.items()}
            minus = {k: v.copy() for k, v in params.items()}
            plus[name][index] += eps
            minus[name][index] -= eps
            g[index] = (_reference_loss(X, y, plus) - _reference_loss(X, y, minus)) / (2 * eps)
        grads[name] = g
    return grads


def _student_gradients(submission, X, y, params):
    _, cache = submission.forward(X, params)
    grads = submission.backward(X, y, params, cache)
    assert isinstance(grads, dict) and set(grads) == lab.KEYS
    out = {}
    for name in lab.KEYS:
        g = lab.arr(grads[name])
        assert g.shape == params[name].shape, (name, g.shape)
        out[name] = g
    return out


def _assert_close(got, expected, rtol=1e-6, atol=1e-9):
    for name in ("W2", "b2", "W1", "b1"):
        np.testing.assert_allclose(got[name], expected[name], rtol=rtol, atol=atol, err_msg=name)


@question("backward")
def test_backward_matches_gradient_tape(submission):
    """backward agrees with tf.GradientTape on the same parameters and data."""
    X, y = _data(40, 3, seed=10)
    params = lab.random_params(3, 6, seed=11)
    _assert_close(_student_gradients(submission, X, y, params), lab.tape_gradients(X, y, params))


@question("backward")
def test_backward_matches_finite_differences(submission):
    """backward agrees with central finite differences of the mean loss."""
    X, y = _data(9, 2, seed=12)
    params = lab.random_params(2, 4, seed=13, scale=1.2)
    _assert_close(
        _student_gradients(submission, X, y, params),
        _finite_difference_gradients(X, y, params),
        rtol=1e-5,
        atol=1e-8,
    )


@question("backward")
def test_backward_label_shapes(submission):
    """Labels of shape (m,) and (m, 1) give the same, correct gradients."""
    X, y = _data(15, 2, seed=14)
    params = lab.random_params(2, 5, seed=15)
    expected = lab.tape_gradients(X, y, params)
    _assert_close(_student_gradients(submission, X, y, params), expected)
    _assert_close(_student_gradients(submission, X, y.reshape(-1, 1), params), expected)
    _assert_close(_student_gradients(submission, X, y.astype(np.float64), params), expected)


@question("backward")
def test_backward_is_mean_gradient(submission):
    """The gradient is of the mean loss: repeating the data set leaves it unchanged."""
    X, y = _data(10, 2, seed=16)
    params = lab.random_params(2, 3, seed=17)
    once = _student_gradients(submission, X, y, params)
    twice = _student_gradients(submission, np.vstack([X, X]), np.concatenate([y, y]), params)
    _assert_close(twice, once, rtol=1e-9, atol=1e-12)
    _assert_close(once, lab.tape_gradients(X, y, params))


@question("backward")
def test_backward_tanh_derivative(submission):
    """First-layer gradients include tanh'(z) = 1 - tanh(z)^2 (large pre-activations)."""
    X, y = _data(20, 3, seed=18)
    params = lab.random_params(3, 8, seed=19, scale=2.0)  # many hidden units far from tanh's linear part
    _assert_close(_student_gradients(submission, X, y, params), lab.tape_gradients(X, y, params))


@question("backward")
def test_backward_wide_and_single_example(submission):
    """backward works for a single example and for a wider network."""
    for m, n_in, n_hidden, seed in [(1, 2, 3, 20), (60, 5, 32, 21)]:
        X, y = _data(m, n_in, seed)
        params = lab.random_params(n_in, n_hidden, seed=seed + 1, scale=0.5)
        _assert_close(_student_gradients(submission, X, y, params), lab.tape_gradients(X, y, params))


# ================================================================ train


def _moons():
    from sklearn.datasets import make_moons

    return make_moons(500, noise=0.1, random_state=0)


def _accuracy(X, y, params):
    assert isinstance(params, dict) and set(params) == lab.KEYS
    params = {name: lab.arr(value) for name, value in params.items()}
    return float(np.mean((lab.reference_forward(X, params)[:, 0] >= 0.5) == lab.arr(y).ravel()))


@question("train")
def test_train_moons_default(submission):
    """train(X, y) with its defaults reaches >= 95% accuracy on make_moons(500, noise=0.1)."""
    X, y = _moons()
    assert _accuracy(X, y, submission.train(X, y)) >= 0.95


@question("train")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_train_moons_other_seeds(submission, seed):
    """train reaches >= 95% on the moons for other seeds too."""
    X, y = _moons()
    assert _accuracy(X, y, submission.train(X, y, seed=seed)) >= 0.95


@question("train")
def test_train_circles_column_labels(submission):
    """train works on other data (circles), with (m, 1) labels and n_hidden=8."""
    from sklearn.datasets import make_circles

    X, y = make_circles(300, noise=0.05, factor=0.5, random_state=1)
    params = submission.train(X, y.reshape(-1, 1), n_hidden=8, epochs=1500, seed=4)
    assert lab.arr(params["W1"]).shape == (2, 8) and lab.arr(params["W2"]).shape == (8, 1)
    assert _accuracy(X, y, params) >= 0.95


@question("train")
def test_train_is_gradient_descent(submission):
    """One more epoch is one full-batch step params - lr * gradient (checked with tf.GradientTape)."""
    X, y = _moons()
    X, y = X[:200], y[:200]
    lr = 0.3
    after_3 = {k: lab.arr(v) for k, v in submission.train(X, y, n_hidden=6, lr=lr, epochs=3, seed=7).items()}
    after_4 = {k: lab.arr(v) for k, v in submission.train(X, y, n_hidden=6, lr=lr, epochs=4, seed=7).items()}
    grads = lab.tape_gradients(X, y, after_3)
    expected = {name: after_3[name] - lr * grads[name] for name in lab.KEYS}
    _assert_close(after_4, expected, rtol=1e-7, atol=1e-10)
    assert not np.allclose(after_3["W1"], after_4["W1"])


@question("train")
def test_train_starts_from_init_params(submission):
    """The first epoch starts from init_params(n_in, n_hidden, 1, seed): one step from there, exactly."""
    X, y = _moons()
    X, y = X[:120], y[:120]
    start = {k: lab.arr(v) for k, v in submission.init_params(2, 5, 1, seed=3).items()}
    after_1 = {k: lab.arr(v) for k, v in submission.train(X, y, n_hidden=5, lr=0.2, epochs=1, seed=3).items()}
    grads = lab.tape_gradients(X, y, start)
    _assert_close(after_1, {name: start[name] - 0.2 * grads[name] for name in lab.KEYS}, rtol=1e-7, atol=1e-10)


@question("train")
def test_train_seeded(submission):
    """train is reproducible for a seed and starts elsewhere for another seed."""
    X, y = _moons()
    a = submission.train(X, y, epochs=5, seed=11)
    b = submission.train(X, y, epochs=5, seed=11)
    c = submission.train(X, y, epochs=5, seed=12)
    for name in lab.KEYS:
        np.testing.assert_array_equal(lab.arr(a[name]), lab.arr(b[name]))
    assert not np.allclose(lab.arr(a["W1"]), lab.arr(c["W1"]))
