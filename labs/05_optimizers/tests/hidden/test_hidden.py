"""Hidden tests for lab 05 (optimizers from scratch).

References are independent of any solution and computed here, on the trusted side:
float64 closed forms of each update rule, Keras' own optimizers (`keras.optimizers.SGD`,
`Adagrad`, `RMSprop`, `Adam`, `AdamW`) applied to a `keras.Variable` with the same gradient
sequence, `tf.GradientTape` and finite differences for the Rosenbrock gradient.

Adam and AdamW accept both the textbook form m_hat / (sqrt(v_hat) + eps) and Keras' equivalent
form alpha_t * m / (sqrt(v) + eps); they differ only in where eps sits.

`minimize` is tested by replaying, here, the documented state protocol with the submission's
own step functions: its score does not depend on those step functions being right.
"""

import numpy as np
import pytest

from autograder.testing import question, reference

F64 = np.float64
# float32 Keras against float64 references (see DESIGN: ~8e-7 absolute over 50 Adam steps)
KERAS_TOL = dict(rtol=1e-5, atol=1e-6)
EXACT_TOL = dict(rtol=1e-7, atol=1e-10)


def _arr(x):
    return np.asarray(x, dtype=F64)


def _pair(out, n=2):
    assert isinstance(out, (tuple, list)) and len(out) == n, f"expected a tuple of {n} arrays"
    return [_arr(x) for x in out]


def _grads(n, shape, seed, scale=1.0):
    draw = np.random.default_rng(seed).standard_normal
    return [scale * draw(shape) for _ in range(n)]


@reference
def _keras_path(optimizer_name, settings, w0, grads):
    """Weights of a float32 keras.Variable after each step of keras.optimizers.<optimizer_name>(**settings)
    on `grads` (computed once per grading process)."""
    import keras

    optimizer = getattr(keras.optimizers, optimizer_name)(**settings)
    var = keras.Variable(np.asarray(w0, dtype="float32"))
    path = []
    for g in grads:
        optimizer.apply_gradients([(np.asarray(g, dtype="float32"), var)])
        path.append(_arr(keras.ops.convert_to_numpy(var)))
    return path


def _close_to_one_of(got, references, rtol, atol):
    """True when `got` matches at least one of the references."""
    return any(np.allclose(got, ref, rtol=rtol, atol=atol) for ref in references)


# ================================================================ rosenbrock


def _rosen(x, y, a=1.0, b=100.0):
    return (a - x) ** 2 + b * (y - x**2) ** 2


_POINTS = np.array([[1.0, 1.0], [-1.5, 2.0], [0.3, -0.7], [2.0, 4.5], [-0.2, 0.05], [0.0, 0.0]])


@question("rosenbrock")
def test_rosenbrock_values(submission):
    """rosenbrock(w) = (a - x)^2 + b (y - x^2)^2 at single points, default a=1, b=100."""
    for x, y in _POINTS:
        np.testing.assert_allclose(float(submission.rosenbrock(np.array([x, y]))), _rosen(x, y), **EXACT_TOL)


@question("rosenbrock")
def test_rosenbrock_a_b(submission):
    """rosenbrock honours its a and b arguments."""
    for x, y in _POINTS:
        got = float(submission.rosenbrock(np.array([x, y]), a=2.0, b=10.0))
        np.testing.assert_allclose(got, _rosen(x, y, 2.0, 10.0), **EXACT_TOL)


@question("rosenbrock")
def test_rosenbrock_grid(submission):
    """rosenbrock on a grid of shape (..., 2) returns one value per point."""
    xs, ys = np.meshgrid(np.linspace(-2, 2, 7), np.linspace(-1, 3, 5))
    grid = np.stack([xs, ys], axis=-1)
    got = _arr(submission.rosenbrock(grid))
    assert got.shape == (5, 7)
    np.testing.assert_allclose(got, _rosen(xs, ys), **EXACT_TOL)


@question("rosenbrock")
def test_rosenbrock_grad_gradient_tape(submission):
    """rosenbrock_grad matches tf.GradientTape at several points and for other a, b."""
    import tensorflow as tf

    for a, b in [(1.0, 100.0), (2.0, 10.0), (-0.5, 3.0)]:
        for point in _POINTS:
            w = tf.Variable(point, dtype=tf.float64)
            with tf.GradientTape() as rosen_tape:
                f = (a - w[0]) ** 2 + b * (w[1] - w[0] ** 2) ** 2
            expected = rosen_tape.gradient(f, w).numpy()
            if (a, b) == (1.0, 100.0):
                got = _arr(submission.rosenbrock_grad(point))
            else:
                got = _arr(submission.rosenbrock_grad(point, a=a, b=b))
            assert got.shape == (2,)
            np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)


@question("rosenbrock")
def test_rosenbrock_grad_finite_differences(submission):
    """rosenbrock_grad matches central finite differences of the Rosenbrock function."""
    rng = np.random.default_rng(5)
    h = 1e-6
    for point in rng.uniform(-2, 2, size=(10, 2)):
        numeric = np.array([
            (_rosen(*(point + h * e)) - _rosen(*(point - h * e))) / (2 * h) for e in np.eye(2)
        ])
        np.testing.assert_allclose(_arr(submission.rosenbrock_grad(point)), numeric, rtol=1e-5, atol=1e-4)


@question("rosenbrock")
def test_rosenbrock_grad_grid(submission):
    """rosenbrock_grad on a batch of points of shape (..., 2) returns the same shape."""
    rng = np.random.default_rng(6)
    points = rng.uniform(-2, 2, size=(3, 4, 2))
    got = _arr(submission.rosenbrock_grad(points))
    assert got.shape == (3, 4, 2)
    for i in range(3):
        for j in range(4):
            single = _arr(submission.rosenbrock_grad(points[i, j]))
            np.testing.assert_allclose(got[i, j], single, **EXACT_TOL)


# ================================================================ sgd


@question("sgd")
def test_sgd_matches_keras(submission):
    """sgd_step matches keras.optimizers.SGD over 20 steps on a 2-D weight array."""
    w0 = np.random.default_rng(1).standard_normal((3, 4))
    grads = _grads(20, (3, 4), seed=2)
    expected = _keras_path("SGD", {"learning_rate": 0.05}, w0, grads)
    w = w0
    for g, ref in zip(grads, expected):
        w = _arr(submission.sgd_step(w, g, 0.05))
        np.testing.assert_allclose(w, ref, **KERAS_TOL)


@question("sgd")
def test_sgd_closed_form(submission):
    """sgd_step returns w - lr * g, for any shape, with lr as a keyword too."""
    rng = np.random.default_rng(3)
    for shape in [(5,), (2, 3), (2, 2, 2)]:
        w, g = rng.standard_normal(shape), rng.standard_normal(shape)
        np.testing.assert_allclose(_arr(submission.sgd_step(w, g, lr=0.3)), w - 0.3 * g, **EXACT_TOL)
    assert _arr(submission.sgd_step(np.array([1.0]), np.array([0.0]), 10.0)) == 1.0


# ================================================================ minimize


def _replay(submission, step_name, w0, steps, hyper, grad=np.tanh):
    """The documented protocol, replayed here with the submission's own step function."""
    step = getattr(submission, step_name)
    w = _arr(w0)
    states = {
        "sgd_step": 0, "momentum_step": 1, "adagrad_step": 1, "rmsprop_step": 1,
        "adam_step": 2, "adamw_step": 2,
    }[step_name]
    uses_t = step_name in ("adam_step", "adamw_step")
    state = [np.zeros_like(w) for _ in range(states)]
    path = [w.copy()]
    for t in range(1, steps + 1):
        g = grad(w)
        args = [w, g, *state] + ([t] if uses_t else [])
        out = step(*args, **hyper)
        if states:
            w, *state = [_arr(x) for x in out]
        else:
            w = _arr(out)
        path.append(w.copy())
    return np.array(path)


def _minimize(submission, step_name, w0, steps, hyper, grad_name="tanh"):
    np_remote = submission.import_module("numpy")
    return _arr(submission.minimize(getattr(submission, step_name), getattr(np_remote, grad_name),
                                    _arr(w0), steps, **hyper))


@question("minimize")
def test_minimize_shape_and_start(submission):
    """minimize returns (steps + 1, dim) floats with w0 as the first row."""
    w0 = np.array([0.5, -1.0, 2.0, 0.25])
    path = _minimize(submission, "sgd_step", w0, 7, {"lr": 0.1})
    assert path.shape == (8, 4)
    np.testing.assert_array_equal(path[0], w0)
    path = _minimize(submission, "sgd_step", w0, 0, {"lr": 0.1})
    assert path.shape == (1, 4)


@question("minimize")
def test_minimize_sgd(submission):
    """minimize with sgd_step calls grad_fn at the current point and passes lr on."""
    w0 = np.array([1.5, -0.7, 0.2])
    expected = _replay(submission, "sgd_step", w0, 15, {"lr": 0.3})
    np.testing.assert_allclose(_minimize(submission, "sgd_step", w0, 15, {"lr": 0.3}), expected, rtol=1e-5, atol=1e-7)
    expected = _replay(submission, "sgd_step", w0, 10, {"lr": 0.5}, grad=np.sin)
    got = _minimize(submission, "sgd_step", w0, 10, {"lr": 0.5}, grad_name="sin")
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-7)


@question("minimize")
def test_minimize_carries_momentum(submission):
    """minimize starts the velocity at zero and carries it from step to step."""
    w0 = np.array([2.0, -1.0])
    hyper = {"lr": 0.1, "momentum": 0.9}
    expected = _replay(submission, "momentum_step", w0, 25, hyper)
    np.testing.assert_allclose(_minimize(submission, "momentum_step", w0, 25, hyper), expected, rtol=1e-5, atol=1e-7)


@question("minimize")
def test_minimize_passes_hyperparameters(submission):
    """minimize passes every keyword hyperparameter (e.g. nesterov=True, rho) to each step."""
    w0 = np.array([2.0, -1.0, 0.5])
    for step_name, hyper in [
        ("momentum_step", {"lr": 0.05, "momentum": 0.5, "nesterov": True}),
        ("rmsprop_step", {"lr": 0.01, "rho": 0.5, "eps": 1e-3}),
    ]:
        expected = _replay(submission, step_name, w0, 12, hyper)
        got = _minimize(submission, step_name, w0, 12, hyper)
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-7, err_msg=step_name)


@question("minimize")
def test_minimize_carries_accumulators(submission):
    """minimize starts Adagrad's and RMSprop's accumulators at zero and carries them."""
    w0 = np.array([1.0, -3.0, 0.1])
    for step_name in ("adagrad_step", "rmsprop_step"):
        expected = _replay(submission, step_name, w0, 20, {"lr": 0.1})
        got = _minimize(submission, step_name, w0, 20, {"lr": 0.1})
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-7, err_msg=step_name)


@question("minimize")
def test_minimize_adam_counts_steps(submission):
    """minimize carries Adam's two moments and passes t = 1, 2, 3, ... to the step."""
    w0 = np.array([1.0, -2.0, 0.3, 4.0])
    for step_name, hyper in [("adam_step", {"lr": 0.1}), ("adamw_step", {"lr": 0.1, "weight_decay": 0.5})]:
        expected = _replay(submission, step_name, w0, 30, hyper)
        got = _minimize(submission, step_name, w0, 30, hyper)
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-7, err_msg=step_name)


# ================================================================ momentum


def _momentum_reference(w0, grads, lr, momentum, nesterov):
    w, v, path, vs = _arr(w0), np.zeros_like(_arr(w0)), [], []
    for g in grads:
        v = momentum * v - lr * g
        w = w + momentum * v - lr * g if nesterov else w + v
        path.append(w)
        vs.append(v)
    return path, vs


def _run_momentum(submission, w0, grads, lr, **kwargs):
    w, v = _arr(w0), np.zeros_like(_arr(w0))
    path, vs = [], []
    for g in grads:
        w, v = _pair(submission.momentum_step(w, g, v, lr, **kwargs))
        path.append(w)
        vs.append(v)
    return path, vs


@pytest.mark.parametrize("nesterov", [False, True])
@question("momentum")
def test_momentum_matches_keras(submission, nesterov):
    """momentum_step matches keras.optimizers.SGD(momentum=0.9) over 30 steps (classic and Nesterov)."""
    w0 = np.random.default_rng(10).standard_normal((4, 3))
    grads = _grads(30, (4, 3), seed=11)
    expected = _keras_path("SGD", {"learning_rate": 0.05, "momentum": 0.9, "nesterov": nesterov}, w0, grads)
    path, _ = _run_momentum(submission, w0, grads, 0.05, momentum=0.9, nesterov=nesterov)
    np.testing.assert_allclose(np.array(path), np.array(expected), **KERAS_TOL)


@pytest.mark.parametrize("nesterov", [False, True])
@question("momentum")
def test_momentum_velocity_keras_form(submission, nesterov):
    """The velocity is Keras' v = momentum * v - lr * g (lr inside, minus sign), for both variants."""
    w0 = np.array([0.5, -1.0, 2.0])
    grads = _grads(10, (3,), seed=12)
    ref_path, ref_vs = _momentum_reference(w0, grads, 0.1, 0.7, nesterov)
    path, vs = _run_momentum(submission, w0, grads, 0.1, momentum=0.7, nesterov=nesterov)
    np.testing.assert_allclose(np.array(vs), np.array(ref_vs), **EXACT_TOL)
    np.testing.assert_allclose(np.array(path), np.array(ref_path), **EXACT_TOL)


@question("momentum")
def test_momentum_defaults(submission):
    """momentum_step defaults to momentum=0.9 and classic (not Nesterov) momentum."""
    w, g, v = np.array([1.0, 2.0]), np.array([0.5, -1.0]), np.array([0.2, 0.3])
    got_w, got_v = _pair(submission.momentum_step(w, g, v, 0.1))
    np.testing.assert_allclose(got_v, 0.9 * v - 0.1 * g, **EXACT_TOL)
    np.testing.assert_allclose(got_w, w + 0.9 * v - 0.1 * g, **EXACT_TOL)


@question("momentum")
def test_momentum_nesterov_single_step(submission):
    """Nesterov: w_new = w + momentum * v_new - lr * g, from a non-zero velocity."""
    w, g, v = np.array([1.0, -2.0, 0.5]), np.array([0.3, 0.1, -0.4]), np.array([-0.2, 0.5, 0.1])
    got_w, got_v = _pair(submission.momentum_step(w, g, v, 0.2, momentum=0.8, nesterov=True))
    v_new = 0.8 * v - 0.2 * g
    np.testing.assert_allclose(got_v, v_new, **EXACT_TOL)
    np.testing.assert_allclose(got_w, w + 0.8 * v_new - 0.2 * g, **EXACT_TOL)


@question("momentum")
def test_momentum_constant_gradient(submission):
    """With a constant gradient the velocity is -lr g (1 - mu^k) / (1 - mu) after k steps."""
    g = np.array([1.0, -2.0])
    _, vs = _run_momentum(submission, np.zeros(2), [g] * 40, 0.01, momentum=0.9)
    for k, v in enumerate(vs, start=1):
        np.testing.assert_allclose(v, -0.01 * g * (1 - 0.9**k) / 0.1, rtol=1e-9, atol=1e-12)


@question("momentum")
def test_momentum_zero_is_sgd(submission):
    """momentum=0 is plain gradient descent."""
    rng = np.random.default_rng(13)
    w, g = rng.standard_normal(5), rng.standard_normal(5)
    got_w, _ = _pair(submission.momentum_step(w, g, np.zeros(5), 0.3, momentum=0.0))
    np.testing.assert_allclose(got_w, w - 0.3 * g, **EXACT_TOL)


# ================================================================ adagrad


def _adagrad_reference(w0, grads, lr, accum0, eps):
    w, a, path, accs = _arr(w0), np.full_like(_arr(w0), accum0), [], []
    for g in grads:
        a = a + g**2
        w = w - lr * g / np.sqrt(a + eps)
        path.append(w)
        accs.append(a)
    return path, accs


def _run_stateful(step, w0, grads, state0, lr, **kwargs):
    w, s, path, states = _arr(w0), _arr(state0), [], []
    for g in grads:
        w, s = _pair(step(w, g, s, lr, **kwargs))
        path.append(w)
        states.append(s)
    return path, states


@question("adagrad")
def test_adagrad_matches_keras(submission):
    """adagrad_step matches keras.optimizers.Adagrad over 30 steps, starting from accum = 0.1."""
    w0 = np.random.default_rng(20).standard_normal((3, 5))
    grads = _grads(30, (3, 5), seed=21)
    expected = _keras_path("Adagrad", {"learning_rate": 0.1, "initial_accumulator_value": 0.1}, w0, grads)
    path, accs = _run_stateful(submission.adagrad_step, w0, grads, np.full((3, 5), 0.1), 0.1)
    np.testing.assert_allclose(np.array(path), np.array(expected), **KERAS_TOL)
    _, ref_accs = _adagrad_reference(w0, grads, 0.1, 0.1, 1e-7)
    np.testing.assert_allclose(np.array(accs), np.array(ref_accs), **EXACT_TOL)


@question("adagrad")
def test_adagrad_from_zero(submission):
    """adagrad_step from a zero accumulator: the first step is about lr * sign(g)."""
    w, g = np.array([1.0, 2.0, -3.0]), np.array([0.5, -40.0, 3.0])
    got_w, got_a = _pair(submission.adagrad_step(w, g, np.zeros(3), 0.01))
    np.testing.assert_allclose(got_a, g**2, **EXACT_TOL)
    np.testing.assert_allclose(got_w, w - 0.01 * g / np.sqrt(g**2 + 1e-7), **EXACT_TOL)


@question("adagrad")
def test_adagrad_eps_inside_sqrt(submission):
    """Adagrad adds eps inside the square root, as Keras does (visible with tiny gradients)."""
    w0 = np.array([1.0, -1.0, 0.5])
    grads = _grads(8, (3,), seed=22, scale=1e-4)
    ref_path, ref_accs = _adagrad_reference(w0, grads, 0.01, 0.0, 1e-7)
    path, accs = _run_stateful(submission.adagrad_step, w0, grads, np.zeros(3), 0.01)
    np.testing.assert_allclose(np.array(path), np.array(ref_path), rtol=1e-7, atol=1e-12)
    ref_path, _ = _adagrad_reference(w0, grads, 0.01, 0.0, 1e-3)
    path, _ = _run_stateful(submission.adagrad_step, w0, grads, np.zeros(3), 0.01, eps=1e-3)
    np.testing.assert_allclose(np.array(path), np.array(ref_path), rtol=1e-7, atol=1e-12)


@question("adagrad")
def test_adagrad_steps_shrink(submission):
    """With a constant gradient Adagrad's k-th step is lr / sqrt(k) (the accumulator only grows)."""
    g = np.array([2.0])
    path, _ = _run_stateful(submission.adagrad_step, np.zeros(1), [g] * 30, np.zeros(1), 0.1, eps=0.0)
    steps = -np.diff(np.concatenate([[0.0], np.array(path)[:, 0]]))
    np.testing.assert_allclose(steps, 0.1 / np.sqrt(np.arange(1, 31)), rtol=1e-9)


# ================================================================ rmsprop


def _rmsprop_reference(w0, grads, lr, rho, eps):
    w, s, path, ss = _arr(w0), np.zeros_like(_arr(w0)), [], []
    for g in grads:
        s = rho * s + (1 - rho) * g**2
        w = w - lr * g / np.sqrt(s + eps)
        path.append(w)
        ss.append(s)
    return path, ss


@pytest.mark.parametrize("rho", [0.9, 0.5])
@question("rmsprop")
def test_rmsprop_matches_keras(submission, rho):
    """rmsprop_step matches keras.optimizers.RMSprop over 30 steps (rho = 0.9 and 0.5)."""
    w0 = np.random.default_rng(30).standard_normal((2, 6))
    grads = _grads(30, (2, 6), seed=31)
    expected = _keras_path("RMSprop", {"learning_rate": 0.01, "rho": rho}, w0, grads)
    path, ss = _run_stateful(submission.rmsprop_step, w0, grads, np.zeros((2, 6)), 0.01, rho=rho)
    np.testing.assert_allclose(np.array(path), np.array(expected), **KERAS_TOL)
    _, ref_ss = _rmsprop_reference(w0, grads, 0.01, rho, 1e-7)
    np.testing.assert_allclose(np.array(ss), np.array(ref_ss), **EXACT_TOL)


@question("rmsprop")
def test_rmsprop_eps_inside_sqrt(submission):
    """RMSprop adds eps inside the square root, as Keras does (visible with tiny gradients)."""
    w0 = np.array([1.0, -1.0, 0.5, 2.0])
    grads = _grads(10, (4,), seed=32, scale=1e-4)
    ref_path, _ = _rmsprop_reference(w0, grads, 0.01, 0.9, 1e-7)
    path, _ = _run_stateful(submission.rmsprop_step, w0, grads, np.zeros(4), 0.01)
    np.testing.assert_allclose(np.array(path), np.array(ref_path), rtol=1e-7, atol=1e-12)
    expected = _keras_path("RMSprop", {"learning_rate": 0.01}, w0, grads)
    np.testing.assert_allclose(np.array(path), np.array(expected), **KERAS_TOL)


@question("rmsprop")
def test_rmsprop_single_step(submission):
    """rmsprop_step from a non-zero s honours rho and eps."""
    w, g, s = np.array([1.0, -2.0]), np.array([0.5, 3.0]), np.array([0.2, 1.0])
    got_w, got_s = _pair(submission.rmsprop_step(w, g, s, 0.1, rho=0.8, eps=0.01))
    s_new = 0.8 * s + 0.2 * g**2
    np.testing.assert_allclose(got_s, s_new, **EXACT_TOL)
    np.testing.assert_allclose(got_w, w - 0.1 * g / np.sqrt(s_new + 0.01), **EXACT_TOL)


@question("rmsprop")
def test_rmsprop_scale_invariant(submission):
    """RMSprop's steps barely change when the gradients are multiplied by 1000."""
    w0 = np.array([0.3, -0.4, 1.0])
    grads = _grads(15, (3,), seed=33)
    small, _ = _run_stateful(submission.rmsprop_step, w0, grads, np.zeros(3), 0.01)
    big, _ = _run_stateful(submission.rmsprop_step, w0, [1000 * g for g in grads], np.zeros(3), 0.01)
    np.testing.assert_allclose(np.array(big), np.array(small), rtol=1e-5, atol=1e-6)


# ================================================================ adam


def _adam_reference(w0, grads, lr, b1=0.9, b2=0.999, eps=1e-7, wd=0.0, t0=1, m0=None, v0=None, form="textbook"):
    w = _arr(w0)
    m = np.zeros_like(w) if m0 is None else _arr(m0)
    v = np.zeros_like(w) if v0 is None else _arr(v0)
    path, ms, vs = [], [], []
    for t, g in enumerate(grads, start=t0):
        w = w - lr * wd * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        if form == "textbook":
            w = w - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
        else:  # Keras: alpha_t = lr sqrt(1 - b2^t) / (1 - b1^t)
            w = w - lr * np.sqrt(1 - b2**t) / (1 - b1**t) * m / (np.sqrt(v) + eps)
        path.append(w)
        ms.append(m)
        vs.append(v)
    return np.array(path), np.array(ms), np.array(vs)


def _run_adam(step, w0, grads, lr, t0=1, m0=None, v0=None, **kwargs):
    w = _arr(w0)
    m = np.zeros_like(w) if m0 is None else _arr(m0)
    v = np.zeros_like(w) if v0 is None else _arr(v0)
    path, ms, vs = [], [], []
    for t, g in enumerate(grads, start=t0):
        out = step(w, g, m, v, t, lr, **kwargs)
        assert isinstance(out, (tuple, list)) and len(out) == 3, "expected a tuple (w, m, v)"
        w, m, v = (_arr(x) for x in out)
        path.append(w)
        ms.append(m)
        vs.append(v)
    return np.array(path), np.array(ms), np.array(vs)


def _both_forms(*args, **kwargs):
    return [_adam_reference(*args, form=form, **kwargs)[0] for form in ("textbook", "keras")]


@question("adam")
def test_adam_matches_keras(submission):
    """adam_step matches keras.optimizers.Adam over 50 steps (t counting from 1)."""
    w0 = np.random.default_rng(40).standard_normal((3, 4))
    grads = _grads(50, (3, 4), seed=41)
    expected = np.array(_keras_path("Adam", {"learning_rate": 0.01}, w0, grads))
    path, _, _ = _run_adam(submission.adam_step, w0, grads, 0.01)
    assert _close_to_one_of(path, [expected, *_both_forms(w0, grads, 0.01)], **KERAS_TOL), (
        f"largest difference from Keras: {np.abs(path - expected).max():.3g}"
    )


@question("adam")
def test_adam_first_step_is_bias_corrected(submission):
    """Adam's first step (t=1, zero moments) moves each weight by about lr * sign(g)."""
    w, g = np.array([1.0, -2.0, 0.5]), np.array([0.3, -5.0, 40.0])
    got_w, got_m, got_v = (_arr(x) for x in submission.adam_step(w, g, np.zeros(3), np.zeros(3), 1, 0.01))
    np.testing.assert_allclose(got_w, w - 0.01 * np.sign(g), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(got_m, 0.1 * g, **EXACT_TOL)
    np.testing.assert_allclose(got_v, 0.001 * g**2, **EXACT_TOL)


@question("adam")
def test_adam_uses_t(submission):
    """adam_step corrects the bias with the t it is given (here t = 5, 6, ...)."""
    rng = np.random.default_rng(42)
    w0, m0, v0 = rng.standard_normal(6), 0.1 * rng.standard_normal(6), 0.01 * rng.random(6) + 0.01
    grads = _grads(6, (6,), seed=43)
    path, ms, vs = _run_adam(submission.adam_step, w0, grads, 0.05, t0=5, m0=m0, v0=v0)
    refs = _both_forms(w0, grads, 0.05, t0=5, m0=m0, v0=v0)
    assert _close_to_one_of(path, refs, rtol=1e-7, atol=1e-10)
    _, ref_ms, ref_vs = _adam_reference(w0, grads, 0.05, t0=5, m0=m0, v0=v0)
    np.testing.assert_allclose(ms, ref_ms, **EXACT_TOL)
    np.testing.assert_allclose(vs, ref_vs, **EXACT_TOL)


@question("adam")
def test_adam_hyperparameters(submission):
    """adam_step honours beta1, beta2 and eps."""
    w0 = np.array([0.5, -1.5, 2.0])
    grads = _grads(20, (3,), seed=44)
    hyper = dict(beta1=0.5, beta2=0.9, eps=1e-3)
    path, ms, vs = _run_adam(submission.adam_step, w0, grads, 0.02, **hyper)
    refs = _both_forms(w0, grads, 0.02, b1=0.5, b2=0.9, eps=1e-3)
    assert _close_to_one_of(path, refs, rtol=1e-7, atol=1e-10)
    _, ref_ms, ref_vs = _adam_reference(w0, grads, 0.02, b1=0.5, b2=0.9, eps=1e-3)
    np.testing.assert_allclose(ms, ref_ms, **EXACT_TOL)
    np.testing.assert_allclose(vs, ref_vs, **EXACT_TOL)


@question("adam")
def test_adam_eps_outside_sqrt(submission):
    """Adam adds eps outside the square root (visible with gradients about as small as eps)."""
    w0 = np.array([1.0, -1.0, 0.5, 2.0])
    grads = _grads(10, (4,), seed=45, scale=1e-5)
    path, _, _ = _run_adam(submission.adam_step, w0, grads, 0.01, eps=1e-5)
    refs = _both_forms(w0, grads, 0.01, eps=1e-5)
    assert _close_to_one_of(path, refs, rtol=1e-7, atol=1e-10)


# ================================================================ adamw


@pytest.mark.parametrize("weight_decay", [0.004, 0.1])
@question("adamw")
def test_adamw_matches_keras(submission, weight_decay):
    """adamw_step matches keras.optimizers.AdamW over 50 steps (weight_decay 0.004 and 0.1)."""
    w0 = 2 * np.random.default_rng(50).standard_normal((4, 3))
    grads = _grads(50, (4, 3), seed=51)
    expected = np.array(_keras_path("AdamW", {"learning_rate": 0.02, "weight_decay": weight_decay}, w0, grads))
    path, _, _ = _run_adam(submission.adamw_step, w0, grads, 0.02, weight_decay=weight_decay)
    refs = _both_forms(w0, grads, 0.02, wd=weight_decay)
    assert _close_to_one_of(path, [expected, *refs], **KERAS_TOL), (
        f"largest difference from Keras: {np.abs(path - expected).max():.3g}"
    )


@question("adamw")
def test_adamw_decay_not_in_gradient(submission):
    """AdamW's decay is decoupled: with g = 0 the weights shrink by (1 - lr wd) and m, v stay 0."""
    w = np.array([1.0, -2.0, 3.0])
    zeros = np.zeros(3)
    got_w, got_m, got_v = (_arr(x) for x in submission.adamw_step(w, zeros, zeros, zeros, 1, 0.1, weight_decay=0.5))
    np.testing.assert_allclose(got_w, w * (1 - 0.1 * 0.5), **EXACT_TOL)
    np.testing.assert_allclose(got_m, zeros, atol=1e-15)
    np.testing.assert_allclose(got_v, zeros, atol=1e-15)


@question("adamw")
def test_adamw_moments_see_only_gradient(submission):
    """AdamW's moments m and v are built from the gradient alone, never from the decay term."""
    w0 = 3 * np.random.default_rng(52).standard_normal(5)
    grads = _grads(10, (5,), seed=53)
    path, ms, vs = _run_adam(submission.adamw_step, w0, grads, 0.05, weight_decay=0.3)
    _, ref_ms, ref_vs = _adam_reference(w0, grads, 0.05, wd=0.3)
    np.testing.assert_allclose(ms, ref_ms, **EXACT_TOL)
    np.testing.assert_allclose(vs, ref_vs, **EXACT_TOL)
    assert _close_to_one_of(path, _both_forms(w0, grads, 0.05, wd=0.3), rtol=1e-7, atol=1e-10)


@question("adamw")
def test_adamw_defaults(submission):
    """adamw_step defaults to weight_decay=0.004, beta1=0.9, beta2=0.999, eps=1e-7."""
    w0 = np.array([5.0, -4.0, 0.2])
    grads = _grads(10, (3,), seed=54)
    path, _, _ = _run_adam(submission.adamw_step, w0, grads, 0.1)
    assert _close_to_one_of(path, _both_forms(w0, grads, 0.1, wd=0.004), rtol=1e-7, atol=1e-10)


@question("adamw")
def test_adamw_zero_decay_is_adam(submission):
    """adamw_step with weight_decay=0 is exactly an Adam step."""
    w0 = np.array([1.0, 2.0, -3.0])
    grads = _grads(10, (3,), seed=55)
    path, _, _ = _run_adam(submission.adamw_step, w0, grads, 0.05, weight_decay=0.0, beta1=0.8)
    assert _close_to_one_of(path, _both_forms(w0, grads, 0.05, b1=0.8), rtol=1e-7, atol=1e-10)


# ================================================================ ScratchAdamW

_D = 4
_LIN_X = np.random.default_rng(60).standard_normal((100, _D)).astype("float32")
_LIN_Y = np.random.default_rng(61).uniform(0.5, 2.0, size=(100, 1)).astype("float32") * np.where(
    np.arange(100)[:, None] % 3 == 0, -1.0, 1.0
).astype("float32")
_LIN_W0 = [np.array([[0.5], [-1.0], [2.0], [0.1]], dtype="float32"), np.array([0.3], dtype="float32")]


def _fit_linear_loss(submission, optimizer, steps=100):
    """Train y_pred = x @ W + b with the loss y * y_pred in the worker, one sample per step.

    The gradient of step k is then exactly (y_k x_k, y_k), whatever the weights.
    """
    kr = submission.import_module("keras")
    model = kr.Sequential([kr.Input((_D,)), kr.layers.Dense(1)])
    model.set_weights([w.copy() for w in _LIN_W0])
    model.compile(optimizer=optimizer, loss=kr.ops.multiply, jit_compile=False)
    model.fit(_LIN_X[:steps], _LIN_Y[:steps], batch_size=1, epochs=1, shuffle=False, verbose=0)
    return [_arr(w) for w in model.get_weights()]


def _linear_references(lr, wd, steps=100, **adam):
    """Float64 AdamW on the linear-loss gradients, in both forms, kernel and bias stacked."""
    x, y = _LIN_X[:steps].astype(F64), _LIN_Y[:steps].astype(F64)
    grads = [np.concatenate([y[k, 0] * x[k], [y[k, 0]]]) for k in range(steps)]
    w0 = np.concatenate([_LIN_W0[0][:, 0], _LIN_W0[1]]).astype(F64)
    return [
        _adam_reference(w0, grads, lr, wd=wd, form=form, **adam)[0][-1] for form in ("textbook", "keras")
    ]


def _flat(weights):
    kernel, bias = weights
    assert kernel.shape == (_D, 1) and bias.shape == (1,)
    return np.concatenate([kernel[:, 0], bias])


@question("scratch_adamw")
def test_scratch_adamw_is_a_keras_optimizer(submission):
    """ScratchAdamW subclasses keras.optimizers.Optimizer and keeps its learning rate."""
    kr = submission.import_module("keras")
    optimizer = submission.ScratchAdamW(learning_rate=0.02, weight_decay=0.1)
    same = kr.optimizers.get(optimizer)  # Keras returns Optimizer instances unchanged
    assert same.type_name == "ScratchAdamW"
    np.testing.assert_allclose(float(_arr(optimizer.learning_rate)), 0.02, rtol=1e-6)


@question("scratch_adamw")
def test_scratch_adamw_linear_closed_form(submission):
    """In model.compile, ScratchAdamW matches AdamW's formulas over 100 steps (lr 0.01, wd 0.1)."""
    got = _flat(_fit_linear_loss(submission, submission.ScratchAdamW(learning_rate=0.01, weight_decay=0.1)))
    refs = _linear_references(0.01, 0.1)
    assert _close_to_one_of(got, refs, rtol=1e-5, atol=2e-6), (
        f"largest difference: {min(np.abs(got - r).max() for r in refs):.3g}"
    )


@question("scratch_adamw")
def test_scratch_adamw_defaults(submission):
    """ScratchAdamW() uses AdamW's defaults: learning_rate=0.001, weight_decay=0.004."""
    got = _flat(_fit_linear_loss(submission, submission.ScratchAdamW(), steps=60))
    refs = _linear_references(0.001, 0.004, steps=60)
    assert _close_to_one_of(got, refs, rtol=1e-5, atol=1e-6)


@question("scratch_adamw")
def test_scratch_adamw_hyperparameters(submission):
    """ScratchAdamW honours beta_1, beta_2 and epsilon."""
    optimizer = submission.ScratchAdamW(learning_rate=0.05, weight_decay=0.02, beta_1=0.5, beta_2=0.9, epsilon=1e-3)
    got = _flat(_fit_linear_loss(submission, optimizer, steps=60))
    refs = _linear_references(0.05, 0.02, steps=60, b1=0.5, b2=0.9, eps=1e-3)
    assert _close_to_one_of(got, refs, rtol=1e-5, atol=2e-6)


_MLP_X = np.random.default_rng(62).standard_normal((32, 3)).astype("float32")
_MLP_Y = (3 * np.sin(2 * _MLP_X[:, :1]) + 2 * _MLP_X[:, 1:2] * _MLP_X[:, 2:3]).astype("float32")
_MLP_LAYERS = [(3, 8), (8, 1)]


def _mlp_weights():
    rng = np.random.default_rng(63)
    weights = []
    for n_in, n_out in _MLP_LAYERS:
        weights += [rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_out)).astype("float32"),
                    rng.normal(0, 0.1, n_out).astype("float32")]
    return weights


_REPEAT = 100  # 100 copies of the batch, one batch per step: 100 steps in one epoch


@pytest.fixture(scope="module")
def keras_adamw_mlp():
    return _keras_adamw_mlp()


@reference
def _keras_adamw_mlp():
    """Weights of the MLP after 100 full-batch steps of keras.optimizers.AdamW (trusted, once per process)."""
    import keras

    reference = keras.Sequential([
        keras.Input((3,)), keras.layers.Dense(8, activation="tanh"), keras.layers.Dense(1),
    ])
    reference.set_weights(_mlp_weights())
    reference.compile(optimizer=keras.optimizers.AdamW(learning_rate=0.01, weight_decay=0.1), loss="mse",
                  jit_compile=False)
    reference.fit(np.tile(_MLP_X, (_REPEAT, 1)), np.tile(_MLP_Y, (_REPEAT, 1)), batch_size=len(_MLP_X),
                  epochs=1, shuffle=False, verbose=0)
    return [_arr(w) for w in reference.get_weights()]


@question("scratch_adamw")
def test_scratch_adamw_trains_like_keras_adamw(submission, keras_adamw_mlp):
    """A tanh MLP trained 100 steps with ScratchAdamW ends where keras.optimizers.AdamW ends."""
    kr = submission.import_module("keras")
    model = kr.Sequential([
        kr.Input((3,)), kr.layers.Dense(8, activation="tanh"), kr.layers.Dense(1),
    ])
    model.set_weights(_mlp_weights())
    model.compile(optimizer=submission.ScratchAdamW(learning_rate=0.01, weight_decay=0.1), loss="mse",
                  jit_compile=False)
    model.fit(np.tile(_MLP_X, (_REPEAT, 1)), np.tile(_MLP_Y, (_REPEAT, 1)), batch_size=len(_MLP_X),
              epochs=1, shuffle=False, verbose=0)
    got = [_arr(w) for w in model.get_weights()]
    assert [w.shape for w in got] == [w.shape for w in keras_adamw_mlp]
    # float32 rounding and the two placements of eps make the runs drift apart by ~1e-5 at most;
    # a missing decay or bias correction moves the weights by more than 1e-2
    for a, b in zip(got, keras_adamw_mlp):
        np.testing.assert_allclose(a, b, rtol=1e-3, atol=2e-4)
