import numpy as np


def init_params(n_in, n_hidden, n_out, seed=0):
    """Mistake: starts W1 at zero, so every hidden unit starts identical (and tanh(0) = 0)."""
    rng = np.random.default_rng(seed)
    return {
        "W1": np.zeros((n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.normal(0.0, 1.0 / np.sqrt(n_hidden), size=(n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }
