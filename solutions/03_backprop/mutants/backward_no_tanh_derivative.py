import numpy as np


def backward(X, y, params, cache):
    """Mistake: passes dA1 straight through the tanh, forgetting the factor 1 - A1**2."""
    A1, y_hat = cache["A1"], cache["y_hat"]
    m = X.shape[0]
    Y = np.asarray(y, dtype=np.float64).reshape(y_hat.shape)
    dZ2 = (y_hat - Y) / m
    dZ1 = dZ2 @ params["W2"].T
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dZ2, "b2": dZ2.sum(axis=0)}
