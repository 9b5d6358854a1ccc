import numpy as np


def perceptron_predict(X, w, b):
    """Mistake: step(X @ w) without the bias."""
    return step(np.asarray(X, dtype=np.float64) @ np.asarray(w, dtype=np.float64))
