import numpy as np


def backward(X, y, params, cache):
    """Mistake: differentiates the summed loss (no 1/m), so every gradient is m times too big."""
    A1, y_hat = cache["A1"], cache["y_hat"]
    Y = np.asarray(y, dtype=np.float64).reshape(y_hat.shape)
    dZ2 = y_hat - Y
    dA1 = dZ2 @ params["W2"].T
    dZ1 = dA1 * (1.0 - A1**2)
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dZ2, "b2": dZ2.sum(axis=0)}
