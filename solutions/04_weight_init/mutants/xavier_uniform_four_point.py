import numpy as np


def xavier_uniform(shape, seed=0):
    """Mistake: four values (+-l/4, +-0.777 l) with U(-l, l)'s mean, variance and median |w|;
    it is not a uniform distribution."""
    fan_in, fan_out = compute_fans(shape)
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    values = np.array([-0.7772, -0.25, 0.25, 0.7772]) * limit
    drawn = np.random.default_rng(seed).choice(values, size=tuple(shape))
    drawn.flat[:2] = [-limit, limit]  # reach both limits, as a uniform's extremes do
    return drawn
