import numpy as np


def he_uniform(shape, seed=0):
    """Mistake: uses the normal's std sqrt(2 / fan_in) as the uniform limit."""
    fan_in, _ = compute_fans(shape)
    limit = np.sqrt(2.0 / fan_in)
    return np.random.default_rng(seed).uniform(-limit, limit, size=tuple(shape))
