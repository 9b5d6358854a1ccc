import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    """Mistake: forward difference (f(x + eps e_i) - f(x)) / eps, whose error is O(eps), not O(eps^2)."""
    x = np.asarray(x, dtype=np.float64)
    grad = np.zeros_like(x)
    f0 = float(f(x))
    for index in np.ndindex(x.shape):
        shifted = x.copy()
        shifted[index] += eps
        grad[index] = (float(f(shifted)) - f0) / eps
    return grad
