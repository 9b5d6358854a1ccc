import numpy as np


def rnn_forward(X, Wx, Wh, b, h0=None):
    """Mistake: uses ReLU instead of tanh (SimpleRNN's default activation is tanh)."""
    X = np.asarray(X, dtype=np.float64)
    batch, steps, _ = X.shape
    units = np.shape(Wh)[0]
    h = np.zeros((batch, units)) if h0 is None else np.asarray(h0, dtype=np.float64)
    H = np.empty((batch, steps, units))
    for t in range(steps):
        h = np.maximum(X[:, t] @ Wx + h @ Wh + b, 0.0)
        H[:, t] = h
    return H
