import numpy as np


def softplus_grad(z):
    """Mistake: the naive sigmoid 1 / (1 + exp(-z)), which overflows for z < -709 (numpy warns)."""
    z = np.asarray(z, dtype=np.float64)
    return 1.0 / (1.0 + np.exp(-z))
