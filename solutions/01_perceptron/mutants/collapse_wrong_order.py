import numpy as np


def collapse_linear(layers):
    """Mistake: multiplies the weight matrices last layer first (W_L ... W_1), the column-vector order."""
    W = np.asarray(layers[0][0], dtype=np.float64)
    b = np.asarray(layers[0][1], dtype=np.float64)
    for W_i, b_i in layers[1:]:
        W_i = np.asarray(W_i, dtype=np.float64)
        W = W_i @ W
        b = b @ W_i + np.asarray(b_i, dtype=np.float64)
    return W, b
