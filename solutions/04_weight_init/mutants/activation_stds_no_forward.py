import numpy as np


def activation_stds(init, activation, depth=20, width=256, seed=0):
    """Mistake: applies every layer to the input x instead of to the previous layer's output."""
    f = {
        "linear": lambda z: z,
        "tanh": np.tanh,
        "relu": lambda z: np.maximum(z, 0.0),
        "sigmoid": lambda z: 0.5 * (1.0 + np.tanh(0.5 * z)),
    }[activation]
    x = np.random.default_rng(seed).standard_normal((1000, width))
    stds = []
    for i in range(depth):
        try:
            W = init((width, width), seed=seed + 1 + i)
        except TypeError:
            W = init((width, width))
        stds.append(float(np.std(f(x @ np.asarray(W, dtype=np.float64)))))
    return stds
