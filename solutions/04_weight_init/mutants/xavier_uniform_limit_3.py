import numpy as np


def xavier_uniform(shape, seed=0):
    """Mistake: limit sqrt(3 / (fan_in + fan_out)); the variance is then only half of Glorot's."""
    fan_in, fan_out = compute_fans(shape)
    limit = np.sqrt(3.0 / (fan_in + fan_out))
    return np.random.default_rng(seed).uniform(-limit, limit, size=tuple(shape))
