import numpy as np


def he_normal(shape, seed=0):
    """Mistake: random signs times the He std (+-sqrt(2 / fan_in)): the right variance, not a normal."""
    fan_in, _ = compute_fans(shape)
    signs = np.random.default_rng(seed).choice([-1.0, 1.0], size=tuple(shape))
    return signs * np.sqrt(2.0 / fan_in)
