import math

import numpy as np


def gelu(z):
    """Mistake: the exact z * Phi(z) (with erf) instead of the tanh approximation asked for."""
    z = np.asarray(z, dtype=np.float64)
    erf = np.vectorize(math.erf, otypes=[np.float64])
    return 0.5 * z * (1.0 + erf(z / np.sqrt(2.0)))
