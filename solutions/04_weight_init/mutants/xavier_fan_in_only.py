import numpy as np


def xavier_normal(shape, seed=0):
    """Mistake: Var(W) = 1 / fan_in (LeCun), ignoring fan_out."""
    fan_in, _ = compute_fans(shape)
    return np.random.default_rng(seed).normal(0.0, np.sqrt(1.0 / fan_in), size=tuple(shape))


def xavier_uniform(shape, seed=0):
    """Mistake: limit sqrt(3 / fan_in), ignoring fan_out."""
    fan_in, _ = compute_fans(shape)
    limit = np.sqrt(3.0 / fan_in)
    return np.random.default_rng(seed).uniform(-limit, limit, size=tuple(shape))
