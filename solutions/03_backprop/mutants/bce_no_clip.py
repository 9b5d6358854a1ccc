import numpy as np


def bce_loss(y_hat, y):
    """Mistake: no clipping, so y_hat of exactly 0 or 1 gives inf or nan (0 * log 0)."""
    y_hat = np.asarray(y_hat, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64).reshape(y_hat.shape)
    return float(-np.mean(y * np.log(y_hat) + (1.0 - y) * np.log(1.0 - y_hat)))
