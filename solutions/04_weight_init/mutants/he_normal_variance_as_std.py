import numpy as np


def he_normal(shape, seed=0):
    """Mistake: passes the variance 2 / fan_in where numpy expects the standard deviation."""
    fan_in, _ = compute_fans(shape)
    return np.random.default_rng(seed).normal(0.0, 2.0 / fan_in, size=tuple(shape))
