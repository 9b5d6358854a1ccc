"""Hidden tests for lab 06 (regularization).

References are independent of any solution: closed forms computed here in float64, Keras' own
regularizers, BatchNormalization layer and EarlyStopping callback, TensorFlow's
tf.clip_by_global_norm, and statistical properties of dropout masks with tolerances of 6 or
more standard deviations on 1e5-2e5 draws, so a correct layer passes for any seed.

The Keras objects of the submission (the dropout layer, the callback) live in the worker: the
tests create them through `submission`, and build and train the small models that use them in
the worker too, with `submission.import_module("keras")`.
"""

import numpy as np
import pytest

from autograder.testing import lab_helpers, question

lab = lab_helpers(__file__)


# ================================================================ penalties


def _weight_list(seed):
    rng = np.random.default_rng(seed)
    return [
        rng.normal(size=(7, 5)),
        rng.normal(scale=3.0, size=(4,)),
        rng.normal(size=(3, 3, 2, 4)),
        np.array([-0.5]),
    ]


def _keras_penalty(kind, weights, lam):
    import keras

    regularizer = keras.regularizers.L1(lam) if kind == "l1" else keras.regularizers.L2(lam)
    return sum(float(keras.ops.convert_to_numpy(regularizer(w.astype("float32")))) for w in weights)


@question("penalties")
@pytest.mark.parametrize("lam", [1e-3, 0.25, 2.0])
def test_l1_penalty_matches_keras_regularizer(submission, lam):
    """l1_penalty equals the sum of keras.regularizers.L1(lam) over the arrays."""
    weights = _weight_list(1)
    got = submission.l1_penalty(weights, lam)
    assert np.ndim(got) == 0
    np.testing.assert_allclose(float(got), _keras_penalty("l1", weights, lam), rtol=1e-5)
    np.testing.assert_allclose(float(got), lam * sum(np.abs(w).sum() for w in weights), rtol=1e-6)


@question("penalties")
@pytest.mark.parametrize("lam", [1e-3, 0.25, 2.0])
def test_l2_penalty_matches_keras_regularizer(submission, lam):
    """l2_penalty equals the sum of keras.regularizers.L2(lam) over the arrays (no factor 1/2)."""
    weights = _weight_list(2)
    got = submission.l2_penalty(weights, lam)
    assert np.ndim(got) == 0
    np.testing.assert_allclose(float(got), _keras_penalty("l2", weights, lam), rtol=1e-5)
    np.testing.assert_allclose(float(got), lam * sum(np.square(w).sum() for w in weights), rtol=1e-6)


@question("penalties")
def test_penalties_zero_lambda_and_linearity(submission):
    """Both penalties are 0 for lam = 0 and proportional to lam."""
    weights = _weight_list(3)
    for name in ("l1_penalty", "l2_penalty"):
        fn = getattr(submission, name)
        assert float(fn(weights, 0.0)) == 0.0, name
        np.testing.assert_allclose(float(fn(weights, 0.3)), 3 * float(fn(weights, 0.1)), rtol=1e-6, err_msg=name)


@question("penalties")
def test_penalties_single_array_and_signs(submission):
    """One array in the list works; L1 counts negative weights by their absolute value."""
    w = [np.array([[-1.0, -2.0, 0.0], [0.5, -0.5, 3.0]])]
    np.testing.assert_allclose(float(submission.l1_penalty(w, 2.0)), 2.0 * 7.0, rtol=1e-6)
    np.testing.assert_allclose(float(submission.l2_penalty(w, 2.0)), 2.0 * 14.5, rtol=1e-6)
    zeros = [np.zeros((3, 4)), np.zeros(5)]
    assert float(submission.l1_penalty(zeros, 1.0)) == 0.0
    assert float(submission.l2_penalty(zeros, 1.0)) == 0.0


@question("penalties")
def test_l2_is_not_squared_l1(submission):
    """L2 sums the squares of the entries (not the square of the L1 sum, not a squared norm times 1/2)."""
    w = [np.array([1.0, 1.0, 1.0, 1.0]), np.array([2.0])]
    np.testing.assert_allclose(float(submission.l2_penalty(w, 1.0)), 8.0, rtol=1e-6)
    np.testing.assert_allclose(float(submission.l1_penalty(w, 1.0)), 6.0, rtol=1e-6)


# ================================================================ dropout


def _dropout(submission, rate, seed, x, training=True):
    return lab.arr(submission.InvertedDropout(rate=rate, seed=seed)(x, training=training))


@question("dropout")
@pytest.mark.parametrize("rate", [0.1, 0.5, 0.8])
def test_dropout_fraction_zeroed_is_rate(submission, rate):
    """In training, the fraction of zeroed entries is about rate (200,000 entries)."""
    x = np.ones((400, 500))
    out = _dropout(submission, rate, 11, x)
    assert out.shape == x.shape
    # binomial std <= 0.0012: 0.01 is more than 8 standard deviations
    assert abs(np.mean(out == 0) - rate) < 0.01


@question("dropout")
@pytest.mark.parametrize("rate", [0.2, 0.5, 0.8])
def test_dropout_survivors_scaled(submission, rate):
    """Every output is either 0 or the input divided by (1 - rate)."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(200, 300)) + np.where(rng.random((200, 300)) < 0.5, 3.0, -3.0)  # |x| > 0
    out = _dropout(submission, rate, 12, x)
    kept = out != 0
    assert 0 < kept.mean() < 1
    np.testing.assert_allclose(out[kept], x[kept] / (1 - rate), rtol=1e-5)


@question("dropout")
@pytest.mark.parametrize("rate", [0.2, 0.5, 0.8])
def test_dropout_preserves_the_mean(submission, rate):
    """Inverted dropout keeps the mean of the activations (within 4%)."""
    rng = np.random.default_rng(6)
    x = 1.0 + np.abs(rng.normal(size=(400, 500)))
    out = _dropout(submission, rate, 13, x)
    # relative std of the ratio <= 0.006 for rate 0.8: 0.04 is more than 6 standard deviations
    assert abs(out.mean() / x.mean() - 1) < 0.04


@question("dropout")
def test_dropout_identity_at_inference(submission):
    """At inference (training=False or not given) the layer returns its input unchanged."""
    x = np.random.default_rng(7).normal(size=(64, 50))
    layer = submission.InvertedDropout(rate=0.6, seed=0)
    np.testing.assert_allclose(lab.arr(layer(x, training=False)), x, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(lab.arr(layer(x)), x, rtol=1e-6, atol=1e-6)
    x3 = np.random.default_rng(8).normal(size=(4, 6, 5))
    np.testing.assert_allclose(lab.arr(layer(x3, training=False)), x3, rtol=1e-6, atol=1e-6)


@question("dropout")
def test_dropout_rate_zero_is_identity(submission):
    """rate=0 drops nothing, even in training."""
    x = np.random.default_rng(9).normal(size=(50, 40))
    np.testing.assert_allclose(_dropout(submission, 0.0, 1, x), x, rtol=1e-6, atol=1e-6)


@question("dropout")
def test_dropout_units_dropped_independently(submission):
    """Each entry is dropped on its own: not whole rows, not whole columns."""
    rate = 0.5
    out = _dropout(submission, rate, 14, np.ones((1000, 200)))
    zero = out == 0
    columns, rows = zero.mean(axis=0), zero.mean(axis=1)
    assert np.all(np.abs(columns - rate) < 0.1)  # 1000 draws per column: > 6 standard deviations
    assert np.all(np.abs(rows - rate) < 0.25)  # 200 draws per row: 7 standard deviations
    agree = np.mean(zero[1:] == zero[:-1])  # consecutive examples share about half their mask
    assert abs(agree - (rate**2 + (1 - rate) ** 2)) < 0.01


@question("dropout")
def test_dropout_seeded_and_fresh_masks(submission):
    """Same seed gives the same masks; another seed other masks; every call draws a new mask."""
    x = np.ones((100, 100))
    a, b = submission.InvertedDropout(rate=0.5, seed=21), submission.InvertedDropout(rate=0.5, seed=21)
    a1, b1 = lab.arr(a(x, training=True)), lab.arr(b(x, training=True))
    assert np.array_equal(a1, b1), "same seed, different masks"
    a2 = lab.arr(a(x, training=True))
    assert np.mean((a1 == 0) == (a2 == 0)) < 0.9, "two calls of one layer drew the same mask"
    assert np.array_equal(a2, lab.arr(b(x, training=True))), "the second masks of two same-seed layers differ"
    c1 = _dropout(submission, 0.5, 22, x)
    assert np.mean((a1 == 0) == (c1 == 0)) < 0.9, "different seeds, same mask"


@question("dropout")
def test_dropout_without_seed(submission):
    """The layer also works without a seed."""
    out = lab.arr(submission.InvertedDropout(rate=0.3)(np.ones((300, 300)), training=True))
    assert abs(np.mean(out == 0) - 0.3) < 0.01
    assert np.allclose(out[out != 0], 1 / 0.7, rtol=1e-5)


@question("dropout")
def test_dropout_inside_a_keras_model(submission):
    """In a Keras model: model.fit trains through it; predict is deterministic; training=True drops."""
    keras_remote = submission.import_module("keras")
    model = keras_remote.Sequential([
        keras_remote.Input(shape=(10,)),
        keras_remote.layers.Dense(32),
        submission.InvertedDropout(rate=0.5, seed=3),
        keras_remote.layers.Dense(1),
    ])
    rng = np.random.default_rng(10)
    weights = [rng.normal(size=(10, 32)) * 0.3, np.zeros(32), rng.normal(size=(32, 1)) * 0.3, np.zeros(1)]
    dense1, dense2 = model.layers[0], model.layers[2]  # set and read only the Dense layers' weights
    dense1.set_weights([w.astype("float32") for w in weights[:2]])
    dense2.set_weights([w.astype("float32") for w in weights[2:]])
    X = rng.normal(size=(64, 10)).astype("float32")
    y = rng.normal(size=(64, 1)).astype("float32")
    model.compile(optimizer=keras_remote.optimizers.SGD(learning_rate=0.01), loss="mse")
    history = model.fit(X, y, epochs=3, batch_size=16, verbose=0).history
    assert len(history["loss"]) == 3 and np.all(np.isfinite(history["loss"]))
    W1, b1 = [lab.arr(w) for w in dense1.get_weights()]
    W2, b2 = [lab.arr(w) for w in dense2.get_weights()]
    assert not np.allclose(W1, weights[0]), "fit did not change the weights"
    expected = (X @ W1 + b1) @ W2 + b2  # no dropout at inference
    np.testing.assert_allclose(lab.arr(model.predict(X, verbose=0)), expected, rtol=1e-4, atol=1e-4)
    hidden = X @ W1 + b1
    dropped = lab.arr(model(X, training=True))
    assert not np.allclose(dropped, expected, atol=1e-3), "training=True did not reach the dropout layer"
    assert np.isfinite(dropped).all() and np.abs(hidden).max() > 0


# ================================================================ early stopping
# A one-weight linear model y = w * x with x = 1, trained by full-batch SGD on MSE from w = 0,
# so w_t = 1 - r ** (t + 1) after epoch t (counting from 0) with r = 1 - 2 * lr: geometric for
# lr = 0.05, oscillating (a noisy-looking validation curve) for lr = 0.9. The validation targets
# have mean v, so val_loss_t = (w_t - v) ** 2 + 0.015 exactly, and the training loss of epoch t
# (measured before its update) is (w_{t-1} - 1) ** 2 + 0.015.

_E = np.array([1, -1, 1, -1, 2, -2, 0, 0], dtype=np.float64)[:, None]
_X = np.ones((8, 1))
_NOISE = 0.01 * np.mean(_E**2)


def _closed_form(lr, v, epochs):
    r = 1 - 2 * lr
    w = 1 - r ** (np.arange(epochs) + 1.0)
    w_before = np.concatenate([[0.0], w[:-1]])
    return w, (w - v) ** 2 + _NOISE, (w_before - 1) ** 2 + _NOISE


def _expected_stop(values, patience, min_delta):
    """(epochs run, best epoch) for the rule `improves iff value < best - min_delta`."""
    best, best_epoch, wait = np.inf, None, 0
    for epoch, value in enumerate(values):
        # trusted setup: no comparison is within float32 noise of its threshold
        assert not np.isfinite(best) or abs(value - (best - min_delta)) > 1e-4
        if value < best - min_delta:
            best, best_epoch, wait = value, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch + 1, best_epoch
    return len(values), best_epoch


class _Trainer:
    """A one-weight model in the worker, compiled once; every `run` restarts it from w = 0.

    Re-fitting the same compiled model reuses its traced training and evaluation functions,
    which keeps these tests fast; only the learning rate is fixed per trainer.
    """

    def __init__(self, submission, lr):
        keras_remote = submission.import_module("keras")
        self.tf_remote = submission.import_module("tensorflow")
        self.submission, self.lr = submission, lr
        self.model = keras_remote.Sequential([
            keras_remote.Input(shape=(1,)),
            keras_remote.layers.Dense(1, use_bias=False, kernel_initializer="zeros"),
        ])
        self.model.compile(optimizer=keras_remote.optimizers.SGD(learning_rate=lr), loss="mse")

    def _dataset(self, target_mean):
        """One full batch; a tf.data pipeline makes each Keras epoch ~10x cheaper than numpy."""
        data = (_X.astype("float32"), (target_mean + 0.1 * _E).astype("float32"))
        return self.tf_remote.data.Dataset.from_tensor_slices(data).batch(8)

    def run(self, callback, v, epochs):
        """Fit with the student's callback; returns (epochs run, final weight)."""
        self.model.set_weights([np.zeros((1, 1), dtype="float32")])
        history = self.model.fit(
            self._dataset(1.0), validation_data=self._dataset(v), epochs=epochs, verbose=0,
            callbacks=[callback],
        ).history
        n = len(history["loss"])
        _, val, _ = _closed_form(self.lr, v, n)
        # trusted setup: the worker trained the model we think it did
        np.testing.assert_allclose(history["val_loss"], val, rtol=1e-4, atol=1e-6)
        return n, float(lab.arr(self.model.get_weights()[0]).ravel()[0])

    def check(self, v, epochs, patience, min_delta=0.0, monitor=None, callback=None):
        """Run with EarlyStoppingRestore(...) and compare with the closed form."""
        w, val, loss = _closed_form(self.lr, v, epochs)
        expected_n, best = _expected_stop(loss if monitor == "loss" else val, patience, min_delta)
        if callback is None:
            kwargs = {"patience": patience}
            if min_delta:
                kwargs["min_delta"] = min_delta
            if monitor is not None:
                kwargs["monitor"] = monitor
            callback = self.submission.EarlyStoppingRestore(**kwargs)
        n, final_w = self.run(callback, v, epochs)
        assert n == expected_n, f"ran {n} epochs, expected {expected_n}"
        np.testing.assert_allclose(final_w, w[best], atol=1e-5)
        return n, final_w


@question("early_stopping")
def test_early_stopping_patience_values(submission):
    """Stops after best epoch + patience: patience 1 (default monitor) and 5."""
    trainer = _Trainer(submission, 0.05)
    trainer.check(v=0.6, epochs=30, patience=1)
    trainer.check(v=0.6, epochs=30, patience=5, monitor="val_loss")


@question("early_stopping")
def test_early_stopping_restores_early_minimum(submission):
    """Restores the best epoch's weights when the minimum comes early (epoch 2)."""
    _Trainer(submission, 0.05).check(v=0.3, epochs=30, patience=4)


@question("early_stopping")
def test_early_stopping_min_delta(submission):
    """Improvements below min_delta (measured against the best so far) do not count."""
    trainer = _Trainer(submission, 0.05)
    # small improvements neither reset the patience nor become the best epoch
    trainer.check(v=0.6, epochs=30, patience=3, min_delta=0.01)
    # two small steps that together beat the best by more than min_delta are an improvement
    trainer.check(v=0.6, epochs=30, patience=2, min_delta=0.03)


@question("early_stopping")
def test_early_stopping_noisy_curve_matches_keras(submission):
    """On a zig-zagging validation curve it agrees with keras.callbacks.EarlyStopping(restore_best_weights=True)."""
    import keras
    import tensorflow as tf

    lr, v, epochs, patience = 0.9, 0.9, 30, 3
    reference = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, use_bias=False, kernel_initializer="zeros")])
    reference.compile(optimizer=keras.optimizers.SGD(learning_rate=lr), loss="mse")
    train, val = [
        tf.data.Dataset.from_tensor_slices((_X.astype("float32"), (m + 0.1 * _E).astype("float32"))).batch(8)
        for m in (1.0, v)
    ]
    keras_history = reference.fit(
        train, validation_data=val, epochs=epochs, verbose=0,
        callbacks=[keras.callbacks.EarlyStopping(patience=patience, restore_best_weights=True)],
    ).history
    keras_w = float(reference.get_weights()[0].ravel()[0])
    n, final_w = _Trainer(submission, lr).check(v=v, epochs=epochs, patience=patience)  # closed form
    assert n == len(keras_history["loss"])
    np.testing.assert_allclose(final_w, keras_w, atol=1e-5)


@question("early_stopping")
def test_early_stopping_monitor_and_improving_runs(submission):
    """No early stop while the monitored value improves: monitor='loss' here, or a falling val_loss."""
    trainer = _Trainer(submission, 0.05)
    # the training loss keeps falling (val_loss would stop this run after 12 epochs)
    trainer.check(v=0.6, epochs=15, patience=3, monitor="loss")
    # the validation loss keeps falling
    trainer.check(v=2.0, epochs=20, patience=2)


@question("early_stopping")
def test_early_stopping_reusable(submission):
    """The same callback object works for a second fit (state reset in on_train_begin)."""
    trainer = _Trainer(submission, 0.05)
    callback = submission.EarlyStoppingRestore(monitor="val_loss", patience=3)
    trainer.check(v=0.6, epochs=30, patience=3, callback=callback)
    trainer.check(v=0.3, epochs=30, patience=3, callback=callback)


# ================================================================ clip


def _grad_list(seed, scale=1.0):
    rng = np.random.default_rng(seed)
    return [rng.normal(scale=scale, size=s) for s in [(3, 4), (5,), (2, 2, 3), (1,)]]


def _tf_clip(grads, max_norm):
    import tensorflow as tf

    clipped, norm = tf.clip_by_global_norm([tf.constant(g) for g in grads], max_norm)
    return [c.numpy() for c in clipped], float(norm.numpy())


def _check_clip(got, grads, max_norm):
    assert isinstance(got, (tuple, list)) and len(got) == 2
    clipped, norm = got
    ref_clipped, ref_norm = _tf_clip(grads, max_norm)
    assert np.ndim(norm) == 0
    np.testing.assert_allclose(float(norm), ref_norm, rtol=1e-6)
    assert len(clipped) == len(grads)
    for c, r in zip(clipped, ref_clipped):
        c = lab.arr(c)
        assert c.shape == r.shape
        np.testing.assert_allclose(c, r, rtol=1e-6, atol=1e-12)


@question("clip")
@pytest.mark.parametrize("max_norm", [0.1, 1.0, 3.0, 100.0])
def test_clip_matches_tensorflow(submission, max_norm):
    """clip_by_global_norm agrees with tf.clip_by_global_norm (clipped and not clipped)."""
    grads = _grad_list(1)
    _check_clip(submission.clip_by_global_norm(grads, max_norm), grads, max_norm)


@question("clip")
def test_clip_global_not_per_tensor(submission):
    """Tensors that are each below max_norm are still clipped when their global norm is above."""
    grads = [np.array([0.8, 0.0]), np.array([[0.0], [0.8]]), np.array([0.5])]
    _check_clip(submission.clip_by_global_norm(grads, 1.0), grads, 1.0)


@question("clip")
def test_clip_keeps_direction(submission):
    """Clipping multiplies all arrays by one factor: same direction, global norm = max_norm."""
    grads = _grad_list(2, scale=10.0)
    clipped, norm = submission.clip_by_global_norm(grads, 2.5)
    flat = np.concatenate([np.ravel(g) for g in grads])
    flat_clipped = np.concatenate([np.ravel(lab.arr(c)) for c in clipped])
    np.testing.assert_allclose(np.linalg.norm(flat_clipped), 2.5, rtol=1e-6)
    np.testing.assert_allclose(flat_clipped, flat * (2.5 / np.linalg.norm(flat)), rtol=1e-6)
    np.testing.assert_allclose(float(norm), np.linalg.norm(flat), rtol=1e-6)


@question("clip")
def test_clip_zero_and_single_gradient(submission):
    """All-zero gradients come back as zeros (no NaN) with norm 0; a single array works."""
    zeros = [np.zeros((2, 3)), np.zeros(4)]
    clipped, norm = submission.clip_by_global_norm(zeros, 1.0)
    assert float(norm) == 0.0
    assert all(np.all(lab.arr(c) == 0) and lab.arr(c).shape == z.shape for c, z in zip(clipped, zeros))
    single = [np.array([[6.0, 8.0]])]
    _check_clip(submission.clip_by_global_norm(single, 5.0), single, 5.0)


# ================================================================ batchnorm


def _keras_bn(x, gamma, beta, mean, var, training, momentum=0.99, eps=1e-3, calls=1):
    """Keras' BatchNormalization with the given weights: output of the last call and moving stats."""
    import keras

    layer = keras.layers.BatchNormalization(momentum=momentum, epsilon=eps)
    layer.build(x.shape)
    layer.set_weights([gamma, beta, mean, var])
    for _ in range(calls):
        out = keras.ops.convert_to_numpy(layer(x.astype("float32"), training=training))
    _, _, new_mean, new_var = layer.get_weights()
    return lab.arr(out), lab.arr(new_mean), lab.arr(new_var)


def _bn_case(seed, shape):
    rng = np.random.default_rng(seed)
    c = shape[-1]
    x = rng.normal(loc=rng.uniform(-3, 3, c), scale=rng.uniform(0.2, 4, c), size=shape)
    return (
        x, rng.uniform(0.5, 2.0, c), rng.normal(size=c), rng.normal(size=c), rng.uniform(0.3, 3.0, c)
    )


def _check_bn(got, ref):
    assert isinstance(got, (tuple, list)) and len(got) == 3
    for g, r in zip(got, ref):
        g = lab.arr(g)
        assert g.shape == r.shape
        np.testing.assert_allclose(g, r, rtol=1e-5, atol=1e-5)


@question("batchnorm")
@pytest.mark.parametrize("momentum,eps", [(0.9, 1e-5), (0.5, 0.1), (0.999, 1e-3)])
def test_batchnorm_training_matches_keras(submission, momentum, eps):
    """training=True: output and moving averages match keras.layers.BatchNormalization."""
    x, gamma, beta, mean, var = _bn_case(1, (32, 6))
    got = submission.batchnorm_forward(x, gamma, beta, mean, var, True, momentum=momentum, eps=eps)
    _check_bn(got, _keras_bn(x, gamma, beta, mean, var, True, momentum, eps))


@question("batchnorm")
@pytest.mark.parametrize("momentum,eps", [(0.9, 1e-5), (0.5, 0.1)])
def test_batchnorm_inference_matches_keras(submission, momentum, eps):
    """training=False: output matches Keras with the running statistics; they stay unchanged."""
    x, gamma, beta, mean, var = _bn_case(2, (16, 5))
    got = submission.batchnorm_forward(x, gamma, beta, mean, var, False, momentum=momentum, eps=eps)
    _check_bn(got, _keras_bn(x, gamma, beta, mean, var, False, momentum, eps))
    np.testing.assert_allclose(lab.arr(got[1]), mean, rtol=1e-6)
    np.testing.assert_allclose(lab.arr(got[2]), var, rtol=1e-6)


@question("batchnorm")
def test_batchnorm_defaults_are_keras_defaults(submission):
    """Without momentum and eps, it uses Keras' defaults (0.99 and 1e-3)."""
    x, gamma, beta, mean, var = _bn_case(3, (20, 4))
    for training in (True, False):
        got = submission.batchnorm_forward(x, gamma, beta, mean, var, training)
        _check_bn(got, _keras_bn(x, gamma, beta, mean, var, training))


@question("batchnorm")
@pytest.mark.parametrize("training", [True, False])
def test_batchnorm_image_batches(submission, training):
    """(N, H, W, C) inputs: one mean and variance per channel, over batch and positions."""
    x, gamma, beta, mean, var = _bn_case(4, (6, 5, 4, 3))
    got = submission.batchnorm_forward(x, gamma, beta, mean, var, training, momentum=0.8)
    _check_bn(got, _keras_bn(x, gamma, beta, mean, var, training, 0.8))


@question("batchnorm")
def test_batchnorm_closed_form_small_batch(submission):
    """Biased batch variance and eps inside the square root (two-example batch, large eps)."""
    x = np.array([[0.0, 1.0], [2.0, 5.0]])
    gamma, beta = np.array([1.5, 1.0]), np.array([0.5, -1.0])
    out, mean, var = submission.batchnorm_forward(x, gamma, beta, np.zeros(2), np.ones(2), True, momentum=0.0, eps=0.5)
    mu, sigma2 = np.array([1.0, 3.0]), np.array([1.0, 4.0])
    np.testing.assert_allclose(lab.arr(out), gamma * (x - mu) / np.sqrt(sigma2 + 0.5) + beta, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(lab.arr(mean), mu, rtol=1e-5)
    np.testing.assert_allclose(lab.arr(var), sigma2, rtol=1e-5)


@question("batchnorm")
def test_batchnorm_training_output_ignores_running_stats(submission):
    """In training the output depends on the batch only, not on the running statistics."""
    x, gamma, beta, mean, var = _bn_case(5, (24, 3))
    out1, *_ = submission.batchnorm_forward(x, gamma, beta, mean, var, True)
    out2, *_ = submission.batchnorm_forward(x, gamma, beta, mean + 5.0, var * 10.0, True)
    np.testing.assert_allclose(lab.arr(out1), lab.arr(out2), rtol=1e-5, atol=1e-6)


@question("batchnorm")
def test_batchnorm_repeated_updates_match_keras(submission):
    """Five training steps on the same batch move the running averages as in Keras."""
    x, gamma, beta, mean, var = _bn_case(6, (10, 4))
    m, v = mean, var
    for _ in range(5):
        out, m, v = submission.batchnorm_forward(x, gamma, beta, m, v, True, momentum=0.7)
    _check_bn((out, m, v), _keras_bn(x, gamma, beta, mean, var, True, 0.7, calls=5))
