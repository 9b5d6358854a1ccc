import numpy as np


def random_normal(shape, std=0.01, seed=0):
    """Mistake: draws from numpy's global generator, so `seed` has no effect."""
    return np.random.normal(0.0, std, size=tuple(shape))
