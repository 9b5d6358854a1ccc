import numpy as np


def xavier_uniform(shape, seed=0):
    """Mistake: draws a normal with Glorot's variance instead of a uniform."""
    fan_in, fan_out = compute_fans(shape)
    std = np.sqrt(2.0 / (fan_in + fan_out))
    return np.random.default_rng(seed).normal(0.0, std, size=tuple(shape))
