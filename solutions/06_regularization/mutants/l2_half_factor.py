import numpy as np


def l2_penalty(weights, lam):
    """Mistake: the textbook 1/2 factor, 0.5 * lam * sum(w ** 2); Keras' L2 has none."""
    total = sum(np.sum(np.square(np.asarray(w, dtype=np.float64))) for w in weights)
    return float(0.5 * lam * total)
