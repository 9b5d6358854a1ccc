import numpy as np


def he_normal(shape, seed=0):
    """Mistake: scales by fan_out instead of fan_in."""
    _, fan_out = compute_fans(shape)
    return np.random.default_rng(seed).normal(0.0, np.sqrt(2.0 / fan_out), size=tuple(shape))


def he_uniform(shape, seed=0):
    """Mistake: scales by fan_out instead of fan_in."""
    _, fan_out = compute_fans(shape)
    limit = np.sqrt(6.0 / fan_out)
    return np.random.default_rng(seed).uniform(-limit, limit, size=tuple(shape))
