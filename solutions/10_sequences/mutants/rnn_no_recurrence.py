import numpy as np


def rnn_forward(X, Wx, Wh, b, h0=None):
    """Mistake: forgets the recurrent term h_{t-1} @ Wh, so each step sees only its own input."""
    X = np.asarray(X, dtype=np.float64)
    return np.tanh(X @ np.asarray(Wx, dtype=np.float64) + np.asarray(b, dtype=np.float64))
