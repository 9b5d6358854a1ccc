import numpy as np


def train(X, y, n_hidden=16, lr=0.5, epochs=2000, seed=0):
    """Mistake: starts from its own standard-normal weights instead of init_params(..., seed)."""
    rng = np.random.default_rng(seed)
    params = {
        "W1": rng.standard_normal((X.shape[1], n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.standard_normal((n_hidden, 1)),
        "b2": np.zeros(1),
    }
    for _ in range(epochs):
        _, cache = forward(X, params)
        grads = backward(X, y, params, cache)
        params = {name: params[name] - lr * grads[name] for name in params}
    return params
