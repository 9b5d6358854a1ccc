"""Public tests for lab 10 (sequence models).

Run them from the notebook with `check("QUESTION_ID")`. They check shapes, types and a few
simple values; the hidden tests check the same functions more thoroughly.
"""

import numpy as np

from autograder.testing import lab_helpers, question, reference_model

lab = lab_helpers(__file__)


def _keras_rnn(X, Wx, Wh, b, h0):
    """All hidden states from keras.layers.SimpleRNN (float64) with the given weights."""
    import keras

    layer = keras.layers.SimpleRNN(Wh.shape[0], return_sequences=True, dtype="float64")
    layer.build((None,) + X.shape[1:])
    layer.set_weights([Wx, Wh, b])
    return np.asarray(layer(X, initial_state=[h0]), dtype=np.float64)


# ---------------------------------------------------------------- rnn_forward


@question("rnn_forward")
def test_rnn_forward_matches_keras(submission):
    """rnn_forward matches Keras' SimpleRNN with the same weights."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 5, 3))
    Wx, Wh, b = rng.normal(size=(3, 4)), rng.normal(size=(4, 4)) / 2, rng.normal(size=4)
    h0 = rng.normal(size=(2, 4))
    got = lab.arr(submission.rnn_forward(X, Wx, Wh, b, h0))
    expected = _keras_rnn(X, Wx, Wh, b, h0)
    assert got.shape == (2, 5, 4), (
        f"X of shape (batch=2, time=5, features=3) with 4 units: expected H of shape (2, 5, 4), "
        f"got {got.shape}. Hint: one hidden state of 4 units per sequence and per step."
    )
    np.testing.assert_allclose(
        got, expected, rtol=1e-5, atol=2e-6,
        err_msg="rnn_forward differs from keras.layers.SimpleRNN with the same weights and "
        "initial state. Hint: h_t = tanh(x_t @ Wx + h_{t-1} @ Wh + b), starting from h0.",
    )


@question("rnn_forward")
def test_rnn_forward_two_steps_by_hand(submission):
    # one unit, one feature: h1 = tanh(0.5 * 1 + 2 * 0.1), h2 = tanh(0.5 * 0 + 2 * h1)
    """rnn_forward computes h_t = tanh(x_t Wx + h_{t-1} Wh + b), checked by hand over two steps."""
    X = np.array([[[1.0], [0.0]]])
    got = lab.arr(submission.rnn_forward(X, np.array([[0.5]]), np.array([[2.0]]), np.array([0.0]),
                                      np.array([[0.1]])))
    h1 = np.tanh(0.5 + 2 * 0.1)
    expected = np.array([[[h1], [np.tanh(2 * h1)]]])
    assert got.shape == (1, 2, 1), f"expected shape (1, 2, 1), got {got.shape}"
    np.testing.assert_allclose(
        got, expected, rtol=1e-6, atol=1e-8,
        err_msg=f"expected h1 = tanh(0.5*1 + 2*0.1) = {h1:.6f} and h2 = tanh(2*h1) = "
        f"{np.tanh(2 * h1):.6f}. Hint: the second step gets no input, only the recurrent term.",
    )


# ---------------------------------------------------------------- build_sequence_model


@question("build")
def test_build_default_is_lstm(submission):
    """build_sequence_model builds an LSTM by default."""
    import keras

    model = submission.fetch_model(submission.build_sequence_model())
    rnns = lab.recurrent_layers(model)
    names = [type(layer).__name__ for layer in model.layers]
    assert len(rnns) == 1 and isinstance(rnns[0], keras.layers.LSTM), (
        f"build_sequence_model() should contain one keras.layers.LSTM layer, got layers {names}. "
        "Hint: kind='lstm' is the default."
    )
    X, _ = lab.adding_data(5, seed=1)
    p = lab.predict(model, X)
    assert p.shape == (5, 1), (
        f"predicting 5 sequences: expected shape (5, 1) (one probability each), got {p.shape}"
    )
    assert np.all((p > 0) & (p < 1)), f"outputs should be probabilities in (0, 1), got {p.ravel()}"


@question("build")
def test_build_gru_reads_any_length(submission):
    """build_sequence_model('gru', units=8) has one 8-unit GRU and reads sequences of any length."""
    import keras

    model = submission.fetch_model(submission.build_sequence_model("gru", units=8))
    rnns = lab.recurrent_layers(model)
    names = [type(layer).__name__ for layer in model.layers]
    assert len(rnns) == 1 and isinstance(rnns[0], keras.layers.GRU) and rnns[0].units == 8, (
        f"build_sequence_model('gru', units=8) should contain one GRU layer with 8 units, "
        f"got layers {names}"
    )
    for length in (7, 35):
        X, _ = lab.adding_data(3, length=length, seed=2)
        p = lab.predict(model, X)
        assert p.shape == (3, 1), (
            f"sequences of length {length}: expected output shape (3, 1), got {p.shape}. "
            "Hint: keras.Input((None, n_features)) accepts any number of time steps."
        )


@question("build")
def test_build_compiled_with_clipping(submission):
    """build_sequence_model is compiled with gradient clipping at clipnorm."""
    remote = submission.build_sequence_model("lstm", units=4, clipnorm=0.5)
    X, y = lab.adding_data(16, seed=3)
    p = np.clip(lab.predict(submission.fetch_model(remote), X).ravel(), 1e-7, 1 - 1e-7)
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    result = remote.evaluate(X, y, verbose=0)
    loss = float(result[0] if isinstance(result, (list, tuple)) else result)
    assert abs(loss - expected) < 1e-4 * max(1.0, expected), (
        f"model.evaluate gave loss {loss:.5f}, the binary cross-entropy of the predictions is "
        f"{expected:.5f}. Hint: compile with loss='binary_crossentropy'."
    )
    clipnorm = remote.optimizer.clipnorm
    assert clipnorm is not None and abs(clipnorm - 0.5) < 1e-6, (
        f"build_sequence_model(clipnorm=0.5): expected model.optimizer.clipnorm == 0.5, got "
        f"{clipnorm}. Hint: keras.optimizers.Adam(learning_rate, clipnorm=clipnorm)."
    )


# ---------------------------------------------------------------- timestep_gradient_norms


@reference_model
def _linear_scalar_rnn(w, u):
    """h_t = w * x_t + u * h_{t-1}, output h_T: dh_T/dx_t = w * u**(T-1-t) (t from 0)."""
    import keras

    model = keras.Sequential([
        keras.Input((None, 1)),
        keras.layers.SimpleRNN(1, activation="linear", use_bias=False),
    ])
    model.layers[0].set_weights([np.array([[w]]), np.array([[u]])])
    return model


@question("grad_norms")
def test_grad_norms_linear_rnn(submission):
    """timestep_gradient_norms gives one norm per time step, decaying geometrically in a linear RNN."""
    batch, steps = 4, 6
    X = np.random.default_rng(0).normal(size=(batch, steps, 1))
    got = lab.arr(submission.timestep_gradient_norms(_linear_scalar_rnn(0.8, 0.5), X))
    expected = np.sqrt(batch) * 0.8 * 0.5 ** np.arange(steps - 1, -1, -1)
    assert got.shape == (steps,), (
        f"X of shape (4, 6, 1): expected one norm per time step, shape (6,), got {got.shape}. "
        "Hint: the norm over the batch and feature axes, (0, 2)."
    )
    np.testing.assert_allclose(
        got, expected, rtol=1e-4, atol=1e-7,
        err_msg="for h_t = 0.8 x_t + 0.5 h_{t-1} with output h_T, dh_T/dx_t = 0.8 * 0.5**(T-t) "
        "for every sequence, so the norm over a batch of 4 is 2 * 0.8 * 0.5**(T-t). "
        "Hint: S is the SUM of the outputs; watch the input tensor on the tape.",
    )


# ---------------------------------------------------------------- train_sequence_model


@question("train")
def test_train_sequence_model_seed_0(submission):
    """train_sequence_model(seed=0) clips gradients and solves the adding task (85% or more)."""
    clips, model = lab.trained(submission)
    assert any(v is not None and np.isfinite(v) and v > 0 for v in clips.values()), (
        f"the trained model's optimizer has no gradient clipping: {clips}. Hint: "
        "keras.optimizers.Adam(..., clipnorm=1.0) (or global_clipnorm / clipvalue)."
    )
    X, y = lab.adding_data(2000, seed=2024)
    p = lab.predict(model, X).ravel()
    accuracy = np.mean((p > 0.5) == y)
    assert accuracy >= 0.85, (
        f"train_sequence_model(seed=0) reaches {accuracy:.3f} accuracy on 2000 fresh sequences, "
        "the bar is 0.85. Hint: an LSTM, about 4000 training sequences and 10 epochs."
    )
