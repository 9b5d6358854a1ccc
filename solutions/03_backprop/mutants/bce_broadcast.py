import numpy as np


def bce_loss(y_hat, y):
    """Mistake: combines y_hat (m, 1) with y (m,) directly: numpy broadcasts them to (m, m)."""
    p = np.clip(np.asarray(y_hat, dtype=np.float64), 1e-12, 1.0 - 1e-12)
    y = np.asarray(y, dtype=np.float64)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
