import numpy as np


def init_params(n_in, n_hidden, n_out, seed=0):
    """Mistake: a uniform with the documented std instead of the documented normal."""
    rng = np.random.default_rng(seed)
    half_width = lambda n: np.sqrt(3.0 / n)
    return {
        "W1": rng.uniform(-half_width(n_in), half_width(n_in), size=(n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.uniform(-half_width(n_hidden), half_width(n_hidden), size=(n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }
