import numpy as np


def sigmoid(z):
    """Mistake: the textbook formula; np.exp(-z) overflows (with a warning) for z < -709."""
    z = np.asarray(z, dtype=np.float64)
    return 1.0 / (1.0 + np.exp(-z))
