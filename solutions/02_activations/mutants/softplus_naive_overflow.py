import numpy as np


def softplus(z):
    """Mistake: the textbook log(1 + exp(z)) overflows to inf for z > 709."""
    z = np.asarray(z, dtype=np.float64)
    return np.log(1.0 + np.exp(z))
