"""Public tests for lab 06 (regularization).

Run them from the notebook with `check("QUESTION_ID")`. They check shapes, types and a few
simple values; the hidden tests check the same code more thoroughly.
"""

import numpy as np

from autograder.testing import lab_helpers, question

lab = lab_helpers(__file__)


# ---------------------------------------------------------------- penalties

_WEIGHTS = [np.array([1.0, -2.0]), np.array([[3.0], [-4.0]])]


@question("penalties")
def test_l1_penalty_small_example(submission):
    """l1_penalty is lam times the sum of absolute weights over all arrays."""
    got = submission.l1_penalty(_WEIGHTS, 0.5)
    assert np.ndim(got) == 0, f"l1_penalty should return one number, got {got!r}"
    assert np.isclose(float(got), 5.0, rtol=1e-6), (
        f"l1_penalty([[1, -2], [[3], [-4]]], lam=0.5): expected 0.5 * (1 + 2 + 3 + 4) = 5.0, "
        f"got {got}. Hint: sum |w| over every entry of every array, then multiply by lam."
    )


@question("penalties")
def test_l2_penalty_small_example(submission):
    """l2_penalty is lam times the sum of squared weights over all arrays."""
    got = submission.l2_penalty(_WEIGHTS, 0.5)
    assert np.ndim(got) == 0, f"l2_penalty should return one number, got {got!r}"
    assert np.isclose(float(got), 15.0, rtol=1e-6), (
        f"l2_penalty([[1, -2], [[3], [-4]]], lam=0.5): expected 0.5 * (1 + 4 + 9 + 16) = 15.0, "
        f"got {got}. Hint: lam * sum(w ** 2), with no factor 1/2, as keras.regularizers.L2."
    )


# ---------------------------------------------------------------- dropout


@question("dropout")
def test_dropout_is_identity_at_inference(submission):
    """The dropout layer leaves inputs unchanged at inference (training=False)."""
    x = np.random.default_rng(0).normal(size=(8, 16))
    layer = submission.InvertedDropout(rate=0.5, seed=0)
    for kwargs in ({"training": False}, {}):
        out = lab.arr(layer(x, **kwargs))
        assert out.shape == x.shape, f"expected output shape {x.shape}, got {out.shape}"
        assert np.allclose(out, x, rtol=1e-6, atol=1e-6), (
            f"layer(x, {kwargs}) should return x unchanged (inverted dropout does nothing at "
            f"inference), but {np.mean(~np.isclose(out, x)):.0%} of the entries changed. "
            "Hint: `if not training: return inputs`."
        )


@question("dropout")
def test_dropout_zeroes_about_rate_and_scales_survivors(submission):
    """In training, dropout zeroes about rate of the inputs and scales survivors by 1 / (1 - rate)."""
    x = np.ones((100, 200))
    out = lab.arr(submission.InvertedDropout(rate=0.25, seed=1)(x, training=True))
    assert out.shape == x.shape, f"expected output shape {x.shape}, got {out.shape}"
    zeroed = np.mean(out == 0)
    assert abs(zeroed - 0.25) < 0.02, (
        f"rate=0.25: expected about 25% zeros in training, got {zeroed:.1%}. "
        "Hint: drop an entry when a uniform random number is below rate."
    )
    survivors = np.unique(np.round(out[out != 0], 5))
    assert np.allclose(survivors, 1 / 0.75, rtol=1e-5), (
        f"on an input of ones, the kept entries should all be 1 / (1 - 0.25) = 1.3333, "
        f"got the values {survivors[:5]}. Hint: inverted dropout divides survivors by (1 - rate)."
    )


# ---------------------------------------------------------------- early stopping
# A one-weight linear model y = w * x, trained by full-batch gradient descent from w = 0: the
# weight after epoch t (counting from 0) is w_t = 1 - 0.9 ** (t + 1), and the validation loss
# (w_t - 0.6) ** 2 + 0.015 is smallest at epoch 8, then rises.

_E = np.array([1, -1, 1, -1, 2, -2, 0, 0], dtype=np.float32)[:, None]
_X = np.ones((8, 1), dtype=np.float32)


def _fit_with_callback(submission, **callback_kwargs):
    keras_remote = submission.import_module("keras")
    tf_remote = submission.import_module("tensorflow")
    model = keras_remote.Sequential([
        keras_remote.Input(shape=(1,)),
        keras_remote.layers.Dense(1, use_bias=False, kernel_initializer="zeros"),
    ])
    model.compile(optimizer=keras_remote.optimizers.SGD(learning_rate=0.05), loss="mse")
    callback = submission.EarlyStoppingRestore(**callback_kwargs)
    train, val = [  # one full batch each; tf.data makes Keras epochs cheaper than numpy arrays
        tf_remote.data.Dataset.from_tensor_slices((_X, mean + 0.1 * _E)).batch(8) for mean in (1.0, 0.6)
    ]
    history = model.fit(train, validation_data=val, epochs=30, verbose=0, callbacks=[callback]).history
    return history, float(lab.arr(model.get_weights()[0]).ravel()[0])


@question("early_stopping")
def test_early_stopping_stops_after_patience(submission):
    """Early stopping stops after patience epochs without improvement."""
    history, _ = _fit_with_callback(submission, monitor="val_loss", patience=3)
    epochs = len(history["loss"])
    val = np.round(history["val_loss"], 4).tolist()
    assert epochs == 12, (
        f"val_loss is lowest at epoch 8 (counting from 0), so with patience=3 training should "
        f"stop after epoch 8 + 3 = 11, i.e. run 12 epochs; it ran {epochs}. val_loss: {val}. "
        "Hint: count the epochs since the last improvement and set "
        "self.model.stop_training = True when the count reaches patience."
    )


@question("early_stopping")
def test_early_stopping_restores_best_weights(submission):
    """Early stopping restores the weights of the best epoch."""
    _, w = _fit_with_callback(submission, monitor="val_loss", patience=3)
    best = 1 - 0.9 ** 9
    last = 1 - 0.9 ** 12
    assert abs(w - best) < 1e-4, (
        f"after training, the weight should be the best epoch's, w_8 = {best:.5f}; got {w:.5f}"
        + (" (the last epoch's weight: did you restore the best weights in on_train_end?)"
           if abs(w - last) < 1e-4 else "")
        + ". Hint: save self.model.get_weights() at each improvement and "
        "self.model.set_weights(...) them at the end."
    )


# ---------------------------------------------------------------- clip


@question("clip")
def test_clip_small_example(submission):
    """clip_by_global_norm rescales all gradients together to the maximum global norm."""
    grads = [np.array([3.0, 0.0]), np.array([[4.0]])]
    got = submission.clip_by_global_norm(grads, 1.0)
    assert isinstance(got, (tuple, list)) and len(got) == 2, (
        f"expected a pair (clipped, global_norm), got {got!r}"
    )
    clipped, norm = got
    assert np.isclose(float(norm), 5.0, rtol=1e-6), (
        f"the global norm of [3, 0] and [[4]] is sqrt(9 + 0 + 16) = 5.0, got {norm}"
    )
    assert len(clipped) == 2, f"expected 2 clipped arrays, got {len(clipped)}"
    assert lab.arr(clipped[1]).shape == (1, 1), f"shapes must be kept: expected (1, 1), got {lab.arr(clipped[1]).shape}"
    assert np.allclose(lab.arr(clipped[0]), [0.6, 0.0], rtol=1e-6) and np.allclose(lab.arr(clipped[1]), [[0.8]], rtol=1e-6), (
        f"with max_norm=1 every array is multiplied by 1 / 5: expected [0.6, 0.0] and [[0.8]], "
        f"got {lab.arr(clipped[0])} and {lab.arr(clipped[1])}"
    )


@question("clip")
def test_clip_leaves_small_gradients_alone(submission):
    """clip_by_global_norm leaves gradients below the threshold unchanged and returns their norm."""
    grads = [np.array([3.0, 0.0]), np.array([[4.0]])]
    clipped, norm = submission.clip_by_global_norm(grads, 10.0)
    assert np.isclose(float(norm), 5.0, rtol=1e-6), f"expected global norm 5.0, got {norm}"
    assert np.allclose(lab.arr(clipped[0]), grads[0]) and np.allclose(lab.arr(clipped[1]), grads[1]), (
        "a global norm of 5 is below max_norm=10, so the gradients must come back unchanged, "
        f"got {lab.arr(clipped[0])} and {lab.arr(clipped[1])}. Hint: the factor is max_norm / max(norm, max_norm)."
    )


# ---------------------------------------------------------------- batchnorm


@question("batchnorm")
def test_batchnorm_training_small_example(submission):
    """batchnorm_forward in training normalises with the batch statistics and updates the running ones."""
    x = np.array([[1.0, 10.0], [3.0, 20.0], [5.0, 30.0], [7.0, 40.0]])
    gamma, beta = np.array([1.0, 2.0]), np.array([0.0, 1.0])
    out, mean, var = submission.batchnorm_forward(
        x, gamma, beta, np.zeros(2), np.ones(2), True, momentum=0.9, eps=1e-3
    )
    batch_mean, batch_var = np.array([4.0, 25.0]), np.array([5.0, 125.0])
    expected = gamma * (x - batch_mean) / np.sqrt(batch_var + 1e-3) + beta
    assert lab.arr(out).shape == x.shape, f"expected output shape {x.shape}, got {lab.arr(out).shape}"
    assert np.allclose(lab.arr(out), expected, rtol=1e-5, atol=1e-6), (
        f"training=True: expected {np.round(expected, 4).tolist()}, got {np.round(lab.arr(out), 4).tolist()}. "
        "Hint: batch mean [4, 25], biased variance (divide by N) [5, 125], eps inside the sqrt."
    )
    assert np.allclose(lab.arr(mean), 0.9 * 0 + 0.1 * batch_mean, rtol=1e-6), (
        f"running mean: expected 0.9 * [0, 0] + 0.1 * [4, 25] = [0.4, 2.5], got {lab.arr(mean)}. "
        "Hint: running = momentum * running + (1 - momentum) * batch statistic."
    )
    assert np.allclose(lab.arr(var), 0.9 * 1 + 0.1 * batch_var, rtol=1e-6), (
        f"running variance: expected 0.9 * [1, 1] + 0.1 * [5, 125] = [1.4, 13.4], got {lab.arr(var)}"
    )


@question("batchnorm")
def test_batchnorm_inference_uses_running_statistics(submission):
    """batchnorm_forward at inference uses the running mean and variance, unchanged."""
    x = np.array([[1.0, 10.0], [3.0, 20.0]])
    mean, var = np.array([2.0, 12.0]), np.array([4.0, 9.0])
    out, new_mean, new_var = submission.batchnorm_forward(
        x, np.ones(2), np.zeros(2), mean, var, False, eps=0.0
    )
    expected = (x - mean) / np.sqrt(var)
    assert np.allclose(lab.arr(out), expected, rtol=1e-6, atol=1e-9), (
        f"training=False must normalize with the running statistics: expected "
        f"{expected.tolist()}, got {np.round(lab.arr(out), 4).tolist()}"
    )
    assert np.allclose(lab.arr(new_mean), mean) and np.allclose(lab.arr(new_var), var), (
        f"training=False must not change the running statistics: got {lab.arr(new_mean)}, {lab.arr(new_var)}"
    )
