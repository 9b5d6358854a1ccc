import numpy as np


def rnn_forward(X, Wx, Wh, b, h0=None):
    """Mistake: column-vector habit, Wh @ h_{t-1} (that is h_{t-1} @ Wh.T) instead of h_{t-1} @ Wh."""
    X = np.asarray(X, dtype=np.float64)
    batch, steps, _ = X.shape
    units = np.shape(Wh)[0]
    h = np.zeros((batch, units)) if h0 is None else np.asarray(h0, dtype=np.float64)
    H = np.empty((batch, steps, units))
    for t in range(steps):
        h = np.tanh(X[:, t] @ Wx + (np.asarray(Wh) @ h.T).T + b)
        H[:, t] = h
    return H
