"""Hidden tests for lab 01 (perceptron, XOR and non-linearity).

References are independent of any solution and of the order in which a perceptron visits
its samples:
- the Heaviside step and the prediction step(X @ w + b) are computed here with numpy;
- perceptron_train is checked through properties every correct implementation has, whatever
  its (seeded) visiting order and however it breaks the tie step(0): starting from zero,
  w / lr and b / lr are integer sums of the mistakes (+x for a missed positive, -x for a
  false alarm), so on data with independent rows the mistakes can be counted from w and
  compared with the reported errors; Novikoff's bound (R / gamma)^2 on the number of mistakes
  on separable data; no zero-error epoch on XOR; scale invariance in lr; seeding;
- collapse_linear against the layer-by-layer forward pass and against Keras Dense layers;
- build_xor_model functionally: outputs in (0, 1), its loss is the binary cross-entropy of its
  own predictions, and its logit is not an affine function of the input;
- train_xor on several seeds, with the trained model rebuilt and evaluated on the trusted side.
"""

import numpy as np
import pytest

from autograder.testing import lab_helpers, question

lab = lab_helpers(__file__)

OR_Y = np.array([0, 1, 1, 1])
NAND_Y = np.array([1, 1, 1, 0])


# ================================================================ step


@question("step")
def test_step_ties_are_zero(submission):
    """step(0) is 0: only strictly positive inputs fire."""
    got = submission.step(np.array([0.0, -0.0, 0.0]))
    assert lab.is_int_array(got) and np.array_equal(got, [0, 0, 0])
    assert int(np.asarray(submission.step(0.0))) == 0


@question("step")
def test_step_extreme_values(submission):
    """step handles tiny, huge and infinite inputs."""
    z = np.array([1e-300, -1e-300, 1e300, -1e300, np.inf, -np.inf, 5e-324])
    got = submission.step(z)
    assert lab.is_int_array(got)
    assert np.array_equal(got, (z > 0).astype(int))


@question("step")
def test_step_keeps_shape(submission):
    """step works elementwise on arrays of any shape and returns integers."""
    z = np.random.default_rng(0).normal(size=(3, 4, 5))
    got = submission.step(z)
    assert lab.is_int_array(got) and got.shape == (3, 4, 5)
    assert np.array_equal(got, (z > 0).astype(int))


@question("step")
def test_step_scalars_lists_and_ints(submission):
    """step accepts a scalar, a list and an integer array."""
    assert np.ndim(submission.step(2.5)) == 0 and int(np.asarray(submission.step(2.5))) == 1
    assert int(np.asarray(submission.step(-3))) == 0
    assert np.array_equal(np.asarray(submission.step([-1.0, 0.0, 1.0])), [0, 0, 1])
    got = submission.step(np.array([-3, 0, 5]))
    assert lab.is_int_array(got) and np.array_equal(got, [0, 0, 1])


# ================================================================ perceptron_predict


@question("perceptron_predict")
def test_predict_random_matches_step_of_affine(submission):
    """perceptron_predict is step(X @ w + b) on random inputs, weights and biases."""
    rng = np.random.default_rng(1)
    for n, d in [(50, 3), (1, 4), (200, 1), (30, 10)]:
        X = rng.normal(size=(n, d))
        w = rng.normal(size=d)
        b = float(rng.normal())
        z = X @ w + b
        assert np.all(np.abs(z) > 1e-9)  # trusted setup: no ties
        got = submission.perceptron_predict(X, w, b)
        assert lab.is_int_array(got) and got.shape == (n,), (n, d)
        assert np.array_equal(got, (z > 0).astype(int)), (n, d)


@question("perceptron_predict")
def test_predict_uses_bias(submission):
    """The bias shifts the boundary: with X = 0 the prediction is 1 exactly when b > 0."""
    X = np.zeros((3, 2))
    w = np.array([0.7, -1.2])
    assert np.array_equal(submission.perceptron_predict(X, w, 0.5), [1, 1, 1])
    assert np.array_equal(submission.perceptron_predict(X, w, -0.5), [0, 0, 0])
    X = np.array([[1.0, 1.0], [2.0, 0.5]])
    assert np.array_equal(submission.perceptron_predict(X, np.array([1.0, 1.0]), -2.2), [0, 1])


@question("perceptron_predict")
def test_predict_logic_gates(submission):
    """Hand-made weights compute AND, OR and NAND on the four corners."""
    for (w, b), labels in [(((1.0, 1.0), -1.5), lab.AND_Y), (((1.0, 1.0), -0.5), OR_Y),
                           (((-1.0, -1.0), 1.5), NAND_Y)]:
        got = submission.perceptron_predict(lab.GATE_X, np.array(w), b)
        assert lab.is_int_array(got) and np.array_equal(got, labels), (w, b)


# ================================================================ perceptron_train


def _train(submission, X, y, **kwargs):
    got = submission.perceptron_train(X, y, **kwargs)
    assert isinstance(got, (tuple, list)) and len(got) == 3
    w, b, errors = got
    assert np.ndim(b) == 0
    assert isinstance(errors, (list, tuple))
    assert all(float(e).is_integer() for e in errors)
    return np.asarray(w, dtype=np.float64), float(b), [int(e) for e in errors]


def _separates(X, y, w, b):
    """True when (w, b) classifies every sample, with either convention for z == 0."""
    z = X @ w + b
    return np.array_equal((z > 0).astype(int), y) or np.array_equal((z >= 0).astype(int), y)


def _separable_data(n, d, margin, seed):
    """n points in [-1, 1]^d labelled by a random unit (w*, b*), all at margin >= `margin`.

    Returns X, y and Novikoff's bound (R / margin)^2 on the number of perceptron mistakes.
    """
    rng = np.random.default_rng(seed)
    while True:
        u = rng.normal(size=d + 1)
        u[-1] *= 0.3
        u /= np.linalg.norm(u)
        X = rng.uniform(-1, 1, size=(20 * n, d))
        s = X @ u[:d] + u[d]
        keep = np.abs(s) >= margin
        X, s = X[keep][:n], s[keep][:n]
        y = (s > 0).astype(int)
        if len(X) == n and 0.2 < y.mean() < 0.8:
            break
    R = np.sqrt((X**2).sum(axis=1) + 1).max()
    return X, y, (R / margin) ** 2


def _converged(errors):
    """Zero errors in the last epoch, and no error after the first error-free epoch."""
    if errors[-1] != 0:
        return False
    first_zero = errors.index(0)
    return all(e == 0 for e in errors[first_zero:])


@question("perceptron_train")
def test_train_shapes_and_types(submission):
    """perceptron_train returns w of shape (d,), a float b, and one int per epoch."""
    X, y, _ = _separable_data(25, 5, 0.1, seed=3)
    for epochs in (1, 7):
        w, b, errors = _train(submission, X, y, lr=0.1, epochs=epochs, seed=0)
        assert w.shape == (5,) and np.all(np.isfinite(w)) and np.isfinite(b)
        assert len(errors) == epochs
        assert all(0 <= e <= 25 for e in errors)
    got_w = np.asarray(submission.perceptron_train(X, y, epochs=3)[0])
    assert np.issubdtype(got_w.dtype, np.floating)


@question("perceptron_train")
@pytest.mark.parametrize("labels", ["AND", "OR", "NAND"])
def test_train_gates_converge_any_seed(submission, labels):
    """AND, OR and NAND converge within Novikoff's bound for every seed, and the result separates them."""
    y = {"AND": lab.AND_Y, "OR": OR_Y, "NAND": NAND_Y}[labels]
    for seed in range(4):
        w, b, errors = _train(submission, lab.GATE_X, y, lr=0.1, epochs=60, seed=seed)
        assert len(errors) == 60
        assert _converged(errors), (seed, errors)
        assert 1 <= sum(errors) <= 52, (seed, errors)  # (R / gamma)^2 = 3 / 0.2425^2 < 52 for AND/NAND
        assert _separates(lab.GATE_X, y, w, b), (seed, w, b)


@question("perceptron_train")
def test_train_novikoff_bound(submission):
    """On separable data with margin gamma the total number of mistakes is at most (R / gamma)^2."""
    for data_seed, (n, d, margin) in enumerate([(40, 2, 0.2), (60, 3, 0.15), (30, 6, 0.2)]):
        X, y, bound = _separable_data(n, d, margin, seed=100 + data_seed)
        epochs = int(bound) + 2
        for seed, lr in [(0, 0.1), (1, 1.0)]:
            w, b, errors = _train(submission, X, y, lr=lr, epochs=epochs, seed=seed)
            assert len(errors) == epochs
            assert sum(errors) <= bound, (sum(errors), bound)
            assert _converged(errors), errors
            assert _separates(X, y, w, b)


@question("perceptron_train")
def test_train_updates_are_the_counted_mistakes(submission):
    """w and b are lr times the sum of the updates of the mistakes that errors[] counts."""
    rng = np.random.default_rng(123)
    # 6 samples in 8 dimensions: independent rows, so w = lr * X.T @ c determines c exactly.
    X = rng.normal(size=(6, 8))
    cases = [
        (np.array([0, 1, 1, 0, 1, 0]), 0.1, 0, 30),
        (np.array([1, 1, 1, 1, 1, 0]), 0.5, 1, 30),
        (np.array([0, 0, 1, 0, 0, 0]), 1.0, 2, 12),
        (np.array([1, 0, 0, 1, 0, 1]), 0.25, 3, 3),
    ]
    for y, lr, seed, epochs in cases:
        w, b, errors = _train(submission, X, y, lr=lr, epochs=epochs, seed=seed)
        assert len(errors) == epochs
        c = np.linalg.lstsq(X.T, w / lr, rcond=None)[0]
        assert np.allclose(X.T @ c, w / lr, atol=1e-8), "w is not a combination of the samples"
        assert np.allclose(c, np.round(c), atol=1e-6), "w / lr is not a sum of whole updates"
        c = np.round(c)
        # a sample labelled 1 can only be added (missed positive), one labelled 0 only subtracted
        assert np.all(c[y == 1] >= 0) and np.all(c[y == 0] <= 0), (c, y)
        assert np.abs(c).sum() == sum(errors), ("mistakes made", np.abs(c).sum(), "counted", sum(errors))
        assert np.isclose(b / lr, c.sum(), atol=1e-6), ("b / lr", b / lr, "expected", c.sum())
        assert all(e <= 6 for e in errors)


@question("perceptron_train")
def test_train_xor_never_reaches_zero_errors(submission):
    """XOR is not linearly separable: no epoch is ever free of mistakes, for any seed or lr."""
    for seed, lr in [(0, 0.1), (1, 1.0), (2, 0.01), (3, 0.5)]:
        w, b, errors = _train(submission, lab.GATE_X, lab.XOR_Y, lr=lr, epochs=100, seed=seed)
        assert len(errors) == 100
        assert min(errors) >= 1 and max(errors) <= 4, (seed, errors)
        assert not _separates(lab.GATE_X, lab.XOR_Y, w, b)


@question("perceptron_train")
def test_train_learning_rate_only_rescales(submission):
    """Starting from zero, lr rescales w and b and leaves the mistakes unchanged."""
    X, y, _ = _separable_data(40, 3, 0.05, seed=11)
    w1, b1, e1 = _train(submission, X, y, lr=0.1, epochs=15, seed=4)
    w2, b2, e2 = _train(submission, X, y, lr=2.0, epochs=15, seed=4)
    assert e1 == e2
    assert sum(e1) > 0
    np.testing.assert_allclose(w2 / 2.0, w1 / 0.1, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(b2 / 2.0, b1 / 0.1, rtol=1e-6, atol=1e-9)


@question("perceptron_train")
def test_train_seeded_shuffling(submission):
    """The same seed gives the same run, other seeds shuffle differently, and the defaults are lr=0.1, epochs=50, seed=0."""
    X, y, _ = _separable_data(30, 2, 0.02, seed=5)
    runs = [_train(submission, X, y, lr=0.1, epochs=20, seed=s) for s in range(5)]
    again = _train(submission, X, y, lr=0.1, epochs=20, seed=3)
    np.testing.assert_array_equal(again[0], runs[3][0])
    assert again[1] == runs[3][1] and again[2] == runs[3][2]
    distinct = {(tuple(np.round(w, 9)), round(b, 9), tuple(e)) for w, b, e in runs}
    assert len(distinct) >= 2, "five seeds gave identical runs: is the visiting order shuffled with the seed?"
    default = _train(submission, X, y)
    explicit = _train(submission, X, y, lr=0.1, epochs=50, seed=0)
    assert len(default[2]) == 50
    np.testing.assert_array_equal(default[0], explicit[0])
    assert default[1] == explicit[1] and default[2] == explicit[2]


def _replay_rosenblatt(X, y, lr, epochs, seed, fires_at_zero):
    """The procedure the lab documents: one generator made once, rng.permutation(n) each epoch.
    `fires_at_zero` picks step(0): a wrong step is charged in its own question, not here."""
    rng = np.random.default_rng(seed)
    w, b, errors = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        mistakes = 0
        for i in rng.permutation(len(X)):
            z = X[i] @ w + b
            delta = int(y[i]) - int(z >= 0 if fires_at_zero else z > 0)
            w, b, mistakes = w + lr * delta * X[i], b + lr * delta, mistakes + (delta != 0)
        errors.append(mistakes)
    return w, b, errors


@question("perceptron_train")
@pytest.mark.parametrize("seed", [0, 4])
def test_train_replays_the_documented_procedure(submission, seed):
    """perceptron_train follows the documented procedure exactly: one generator, a fresh permutation each epoch."""
    X, y, _ = _separable_data(25, 3, 0.01, seed=11)
    w, b, errors = _train(submission, X, y, lr=0.1, epochs=6, seed=seed)
    replays = [_replay_rosenblatt(X, y, 0.1, 6, seed, fires_at_zero) for fires_at_zero in (False, True)]
    assert any(
        errors == errors_ref and np.allclose(w, w_ref, rtol=1e-9, atol=1e-12) and np.isclose(b, b_ref, rtol=1e-9, atol=1e-12)
        for w_ref, b_ref, errors_ref in replays
    ), f"not the documented procedure: errors {errors}, expected {replays[0][2]}"


# ================================================================ collapse_linear


def _random_stack(widths, seed, scale=1.0):
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0, scale, size=(a, b)), rng.normal(0, scale, size=b))
        for a, b in zip(widths[:-1], widths[1:])
    ]


def _forward(x, layers):
    for W, b in layers:
        x = x @ W + b
    return x


def _collapse(submission, layers):
    got = submission.collapse_linear(layers)
    assert isinstance(got, (tuple, list)) and len(got) == 2
    return np.asarray(got[0], dtype=np.float64), np.asarray(got[1], dtype=np.float64)


@question("collapse_linear")
def test_collapse_single_layer_is_itself(submission):
    """A stack of one layer collapses to that layer."""
    [(W1, b1)] = layers = _random_stack([3, 5], seed=1)
    W, b = _collapse(submission, layers)
    np.testing.assert_allclose(W, W1, rtol=1e-12)
    np.testing.assert_allclose(b, b1, rtol=1e-12)


@question("collapse_linear")
@pytest.mark.parametrize("widths", [[2, 3, 1], [4, 4, 4], [3, 7, 2, 5, 1], [5, 1, 6, 3, 3, 2]])
def test_collapse_matches_forward_pass(submission, widths):
    """x @ W + b equals the layer-by-layer output of the stack, for square and non-square layers."""
    layers = _random_stack(widths, seed=sum(widths))
    W, b = _collapse(submission, layers)
    assert W.shape == (widths[0], widths[-1]) and b.shape == (widths[-1],)
    x = np.random.default_rng(7).normal(size=(20, widths[0]))
    np.testing.assert_allclose(x @ W + b, _forward(x, layers), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(b, _forward(np.zeros((1, widths[0])), layers)[0], rtol=1e-9, atol=1e-9)


@question("collapse_linear")
def test_collapse_biases_pass_through_later_layers(submission):
    """Earlier biases are multiplied by every later weight matrix."""
    layers = [(np.eye(2), np.array([1.0, 2.0])), (2.0 * np.eye(2), np.zeros(2)),
              (np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([0.5, 0.0]))]
    W, b = _collapse(submission, layers)
    np.testing.assert_allclose(W, np.array([[0.0, 2.0], [2.0, 0.0]]), atol=1e-12)
    np.testing.assert_allclose(b, np.array([4.5, 2.0]), atol=1e-12)


@question("collapse_linear")
def test_collapse_matches_keras_dense_stack(submission):
    """The collapsed layer computes what a stack of Keras Dense layers without activation computes."""
    import keras

    widths = [3, 8, 5, 2]
    layers = _random_stack(widths, seed=42, scale=0.5)
    model = keras.Sequential([keras.Input((3,))] + [keras.layers.Dense(n) for n in widths[1:]])
    for layer, (W_i, b_i) in zip(model.layers, layers):
        layer.set_weights([W_i.astype("float32"), b_i.astype("float32")])
    x = np.random.default_rng(3).normal(size=(16, 3)).astype("float32")
    expected = np.asarray(model(x), dtype=np.float64)
    W, b = _collapse(submission, [[w.astype(np.float64) for w in layer.get_weights()] for layer in model.layers])
    np.testing.assert_allclose(x @ W + b, expected, rtol=1e-4, atol=1e-5)


# ================================================================ build_xor_model

_GRID = np.array(np.meshgrid(np.linspace(-3, 3, 21), np.linspace(-3, 3, 21))).reshape(2, -1).T.astype("float32")


def _dense_layers(model):
    import keras

    return [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]


def _nonlinearity(model):
    """How far the model's logit is from an affine function of the input (0 for affine)."""
    p = np.asarray(model.predict(_GRID, verbose=0), dtype=np.float64).ravel()
    logit = np.log(p) - np.log1p(-p)
    A = np.c_[_GRID, np.ones(len(_GRID))]
    residual = logit - A @ np.linalg.lstsq(A, logit, rcond=None)[0]
    return float(np.sqrt(np.mean(residual**2)) / max(np.std(logit), 1e-12))


@question("xor_model")
def test_xor_model_is_2_to_1_sigmoid(submission):
    """build_xor_model returns a Keras model from 2 inputs to one probability in (0, 1)."""
    import keras

    model = submission.fetch_model(submission.build_xor_model())
    assert isinstance(model, keras.Model)
    p = np.asarray(model.predict(_GRID, verbose=0))
    assert p.shape == (len(_GRID), 1)
    assert np.all(np.isfinite(p)) and np.all((p > 0) & (p < 1))


@question("xor_model")
@pytest.mark.parametrize("units", [3, 7])
def test_xor_model_hidden_units(submission, units):
    """The hidden Dense layer has `hidden_units` units, the output layer one."""
    model = submission.fetch_model(submission.build_xor_model(hidden_units=units))
    dense = _dense_layers(model)
    assert len(dense) >= 2
    assert dense[0].units == units
    assert dense[-1].units == 1


@question("xor_model")
def test_xor_model_hidden_layer_is_nonlinear(submission):
    """The hidden layer has a non-linear activation: the logit is not an affine function of the input."""
    scores = [_nonlinearity(submission.fetch_model(submission.build_xor_model())) for _ in range(2)]
    assert max(scores) > 0.01, scores


@question("xor_model")
def test_xor_model_compiled_with_binary_crossentropy(submission):
    """The model is compiled, and its loss is the binary cross-entropy of its predictions."""
    remote = submission.build_xor_model()
    x = lab.GATE_X.astype("float32")
    y = lab.XOR_Y.astype("float32")
    p = np.asarray(remote.predict(x, verbose=0), dtype=np.float64).ravel()
    p = np.clip(p, 1e-7, 1 - 1e-7)
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    result = remote.evaluate(x, y, verbose=0)
    loss = float(result[0] if isinstance(result, (list, tuple)) else result)
    np.testing.assert_allclose(loss, expected, rtol=1e-4, atol=1e-6)


# ================================================================ train_xor


@question("train_xor")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_train_xor_any_seed(submission, seed):
    """train_xor classifies all four XOR points, for several seeds."""
    model = submission.fetch_model(submission.train_xor(seed=seed))
    p = np.asarray(model.predict(lab.GATE_X.astype("float32"), verbose=0))
    assert p.shape == (4, 1)
    assert np.all((p >= 0) & (p <= 1))
    assert np.array_equal((p.ravel() > 0.5).astype(int), lab.XOR_Y), np.round(p.ravel(), 3)
