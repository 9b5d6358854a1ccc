import numpy as np


def rnn_forward(X, Wx, Wh, b, h0=None):
    """Mistake: always starts from a zero state, ignoring the initial state h0."""
    X = np.asarray(X, dtype=np.float64)
    batch, steps, _ = X.shape
    units = np.shape(Wh)[0]
    h = np.zeros((batch, units))
    H = np.empty((batch, steps, units))
    for t in range(steps):
        h = np.tanh(X[:, t] @ Wx + h @ Wh + b)
        H[:, t] = h
    return H
