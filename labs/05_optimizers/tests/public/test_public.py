"""Public tests for lab 05 (optimizers from scratch).

Run them from the notebook with `check("QUESTION_ID")`. They check shapes and a few simple
values; the hidden tests compare your optimizers with Keras' own over many steps.
"""

import numpy as np

from autograder.testing import question


def _arr(x):
    return np.asarray(x, dtype=np.float64)


def _unpack(out, n, name):
    assert isinstance(out, (tuple, list)) and len(out) == n, (
        f"{name} should return a tuple of {n} arrays, got {type(out).__name__} "
        f"{'of length ' + str(len(out)) if isinstance(out, (tuple, list)) else ''}"
    )
    return [_arr(x) for x in out]


# ---------------------------------------------------------------- rosenbrock


@question("rosenbrock")
def test_rosenbrock_known_values(submission):
    """rosenbrock is 0 at its minimum (1, 1) and matches a known value."""
    got_min = float(submission.rosenbrock(np.array([1.0, 1.0])))
    got = float(submission.rosenbrock(np.array([-1.0, 2.0])))
    assert abs(got_min) < 1e-12, f"rosenbrock([1, 1]) is the minimum: expected 0, got {got_min}"
    assert abs(got - 104.0) < 1e-9, (
        f"rosenbrock([-1, 2]): expected (1 - (-1))^2 + 100 (2 - 1)^2 = 104, got {got}"
    )


@question("rosenbrock")
def test_rosenbrock_grad_known_value(submission):
    """rosenbrock_grad matches the analytic gradient at a known point."""
    got = _arr(submission.rosenbrock_grad(np.array([-1.0, 2.0])))
    expected = np.array([396.0, 200.0])
    assert got.shape == (2,), f"rosenbrock_grad of one point: expected shape (2,), got {got.shape}"
    assert np.allclose(got, expected), (
        f"rosenbrock_grad([-1, 2]): expected {expected}, got {got}. "
        "Hint: d/dx = -2 (a - x) - 4 b x (y - x^2), d/dy = 2 b (y - x^2)."
    )


@question("rosenbrock")
def test_rosenbrock_grad_finite_differences(submission):
    """rosenbrock_grad agrees with finite differences."""
    w = np.array([0.3, -0.4])
    h = 1e-6
    f = lambda p: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
    numeric = np.array([(f(w + h * e) - f(w - h * e)) / (2 * h) for e in np.eye(2)])
    got = _arr(submission.rosenbrock_grad(w))
    assert np.allclose(got, numeric, rtol=1e-5, atol=1e-4), (
        f"rosenbrock_grad([0.3, -0.4]): central finite differences give {numeric}, you return {got}"
    )


# ---------------------------------------------------------------- sgd


@question("sgd")
def test_sgd_step_value(submission):
    """sgd_step returns w - lr * g."""
    w, g = np.array([1.0, -2.0, 3.0]), np.array([0.5, 0.5, -1.0])
    got = _arr(submission.sgd_step(w, g, 0.1))
    expected = w - 0.1 * g
    assert got.shape == (3,) and np.allclose(got, expected), (
        f"sgd_step(w={w}, g={g}, lr=0.1): expected w - lr*g = {expected}, got {got}"
    )


# ---------------------------------------------------------------- minimize


@question("minimize")
def test_minimize_shape(submission):
    """minimize returns the path of the weights, starting point included."""
    np_remote = submission.import_module("numpy")
    w0 = np.array([1.0, -2.0, 0.5])
    # numpy.tanh as grad_fn: the gradient of sum(log(cosh(w)))
    path = _arr(submission.minimize(submission.sgd_step, np_remote.tanh, w0, 5, lr=0.1))
    assert path.shape == (6, 3), (
        f"minimize(sgd_step, tanh, w0 of length 3, steps=5): expected shape (6, 3) "
        f"(row 0 is w0), got {path.shape}"
    )
    assert np.allclose(path[0], w0), f"row 0 should be w0 = {w0}, got {path[0]}"


@question("minimize")
def test_minimize_momentum_state(submission):
    """minimize carries an optimizer's state (momentum's velocity) from step to step."""
    np_remote = submission.import_module("numpy")
    w0 = np.array([2.0, -1.0])
    got = _arr(submission.minimize(submission.momentum_step, np_remote.tanh, w0, 4, lr=0.1, momentum=0.9))
    # the same loop written out, with YOUR momentum_step: v starts at 0 and is carried on
    w, v, expected = w0, np.zeros(2), [w0]
    for _ in range(4):
        w, v = (_arr(x) for x in submission.momentum_step(w, np.tanh(w), v, lr=0.1, momentum=0.9))
        expected.append(w)
    expected = np.array(expected)
    assert got.shape == expected.shape and np.allclose(got, expected, rtol=1e-5, atol=1e-7), (
        f"minimize(momentum_step, tanh, {w0}, 4, lr=0.1, momentum=0.9):\nexpected (using your "
        f"momentum_step)\n{expected}\ngot\n{got}\nHint: start v at zeros, pass the returned v to "
        "the next step, and pass lr and momentum as keywords."
    )


# ---------------------------------------------------------------- momentum


@question("momentum")
def test_momentum_one_step(submission):
    """momentum_step updates the velocity v = momentum * v - lr * g, then w += v."""
    w, g, v = np.array([1.0, 2.0]), np.array([0.5, -1.0]), np.array([0.1, 0.0])
    got_w, got_v = _unpack(submission.momentum_step(w, g, v, 0.1, momentum=0.9), 2, "momentum_step")
    v_new = 0.9 * v - 0.1 * g
    assert np.allclose(got_v, v_new), (
        f"momentum_step: expected v_new = momentum*v - lr*g = {v_new}, got {got_v}"
    )
    assert np.allclose(got_w, w + v_new), f"momentum_step: expected w + v_new = {w + v_new}, got {got_w}"


@question("momentum")
def test_nesterov_one_step(submission):
    """momentum_step with nesterov=True looks ahead along the velocity."""
    w, g, v = np.array([1.0, 2.0]), np.array([0.5, -1.0]), np.array([0.1, 0.0])
    got_w, _ = _unpack(submission.momentum_step(w, g, v, 0.1, momentum=0.9, nesterov=True), 2, "momentum_step")
    v_new = 0.9 * v - 0.1 * g
    expected = w + 0.9 * v_new - 0.1 * g
    assert np.allclose(got_w, expected), (
        f"Nesterov: expected w + momentum*v_new - lr*g = {expected}, got {got_w}"
    )


# ---------------------------------------------------------------- adagrad and rmsprop


@question("adagrad")
def test_adagrad_one_step(submission):
    """adagrad_step accumulates squared gradients and divides by their square root."""
    w, g, accum = np.array([1.0, -1.0]), np.array([3.0, 4.0]), np.array([0.1, 0.1])
    got_w, got_a = _unpack(submission.adagrad_step(w, g, accum, 0.5), 2, "adagrad_step")
    a_new = accum + g**2
    expected = w - 0.5 * g / np.sqrt(a_new + 1e-7)
    assert np.allclose(got_a, a_new), f"adagrad_step: expected accum + g**2 = {a_new}, got {got_a}"
    assert np.allclose(got_w, expected), (
        f"adagrad_step: expected w - lr*g/sqrt(accum_new + eps) = {expected}, got {got_w}"
    )


@question("rmsprop")
def test_rmsprop_one_step(submission):
    """rmsprop_step keeps a moving average of squared gradients."""
    w, g, s = np.array([1.0, -1.0]), np.array([3.0, 4.0]), np.array([1.0, 0.0])
    got_w, got_s = _unpack(submission.rmsprop_step(w, g, s, 0.01), 2, "rmsprop_step")
    s_new = 0.9 * s + 0.1 * g**2
    expected = w - 0.01 * g / np.sqrt(s_new + 1e-7)
    assert np.allclose(got_s, s_new), f"rmsprop_step: expected rho*s + (1-rho)*g**2 = {s_new}, got {got_s}"
    assert np.allclose(got_w, expected), (
        f"rmsprop_step: expected w - lr*g/sqrt(s_new + eps) = {expected}, got {got_w}"
    )


# ---------------------------------------------------------------- adam and adamw


@question("adam")
def test_adam_first_step(submission):
    """adam_step's first step uses bias-corrected moments (a step of about lr per weight)."""
    w, g = np.array([1.0, -2.0]), np.array([0.5, -4.0])
    zeros = np.zeros(2)
    got_w, got_m, got_v = _unpack(submission.adam_step(w, g, zeros, zeros, 1, 0.01), 3, "adam_step")
    assert np.allclose(got_m, 0.1 * g) and np.allclose(got_v, 0.001 * g**2), (
        f"adam_step at t=1 from zero moments: expected m = 0.1*g = {0.1 * g}, "
        f"v = 0.001*g**2 = {0.001 * g**2}; got m = {got_m}, v = {got_v}. "
        "Hint: return the moments before bias correction."
    )
    expected = w - 0.01 * np.sign(g)
    assert np.allclose(got_w, expected, rtol=1e-5, atol=1e-7), (
        f"adam_step at t=1: the bias-corrected first step is lr*sign(g), so expected w = {expected}, "
        f"got {got_w}. Hint: m_hat = m/(1 - beta1**t), v_hat = v/(1 - beta2**t), t starts at 1."
    )


@question("adamw")
def test_adamw_zero_gradient_decays(submission):
    """adamw_step with a zero gradient still decays the weights (decoupled weight decay)."""
    w, zeros = np.array([1.0, -2.0]), np.zeros(2)
    got_w, got_m, got_v = _unpack(
        submission.adamw_step(w, zeros, zeros, zeros, 1, 0.1, weight_decay=0.5), 3, "adamw_step"
    )
    expected = w * (1 - 0.1 * 0.5)
    assert np.allclose(got_w, expected), (
        f"adamw_step with g = 0: only the decay acts, w - lr*weight_decay*w = {expected}, got {got_w}. "
        "Hint: the decay is applied to the weights, not added to the gradient."
    )
    assert np.allclose(got_m, 0) and np.allclose(got_v, 0), (
        f"adamw_step with g = 0 from zero moments: m and v stay 0, got m = {got_m}, v = {got_v}"
    )


# ---------------------------------------------------------------- ScratchAdamW


@question("scratch_adamw")
def test_scratch_adamw_in_compile(submission):
    """ScratchAdamW is a keras.optimizers.Optimizer a model can be compiled and trained with."""
    kr = submission.import_module("keras")
    model = kr.Sequential([kr.Input((2,)), kr.layers.Dense(1)])
    w0 = [np.array([[1.0], [-1.0]], dtype="float32"), np.array([0.5], dtype="float32")]
    model.set_weights(w0)
    model.compile(optimizer=submission.ScratchAdamW(learning_rate=0.1, weight_decay=0.5), loss="mse",
                  jit_compile=False)
    x = np.array([[1.0, 2.0]], dtype="float32")
    y = np.array([[10.0]], dtype="float32")
    model.fit(x, y, batch_size=1, epochs=1, verbose=0)
    kernel, bias = (_arr(w) for w in model.get_weights())
    # one step: prediction 1 - 2 + 0.5 = -0.5, so the gradient is 2 * (-0.5 - 10) * (x, 1): all
    # negative; the first AdamW step decays by lr*wd and then moves each weight by +lr
    expected_kernel = _arr(w0[0]) * (1 - 0.1 * 0.5) + 0.1
    expected_bias = _arr(w0[1]) * (1 - 0.1 * 0.5) + 0.1
    assert np.allclose(kernel, expected_kernel, atol=1e-5) and np.allclose(bias, expected_bias, atol=1e-5), (
        f"after one step of ScratchAdamW(learning_rate=0.1, weight_decay=0.5): expected kernel "
        f"{expected_kernel.ravel()} and bias {expected_bias}, got {kernel.ravel()} and {bias}. "
        "Hint: pass weight_decay to super().__init__ (decay w by lr*wd), then the bias-corrected "
        "Adam step, whose first step is lr*sign(g); t = iterations + 1."
    )
