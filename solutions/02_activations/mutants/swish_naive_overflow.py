import numpy as np


def swish(z):
    """Mistake: z / (1 + exp(-z)) overflows in exp for z < -709 (numpy warns; the value is finite)."""
    z = np.asarray(z, dtype=np.float64)
    return z / (1.0 + np.exp(-z))
