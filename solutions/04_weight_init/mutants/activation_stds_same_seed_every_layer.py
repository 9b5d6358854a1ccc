import numpy as np


def activation_stds(init, activation, depth=20, width=256, seed=0):
    """Mistake: draws every layer's weights with the same seed (init(shape, seed=seed)), so all
    layers share one matrix; the recipe uses seed + 1 + i for layer i."""
    f = {
        "linear": lambda z: z,
        "tanh": np.tanh,
        "relu": lambda z: np.maximum(z, 0.0),
        "sigmoid": lambda z: 0.5 * (1.0 + np.tanh(0.5 * z)),
    }[activation]
    h = np.random.default_rng(seed).standard_normal((1000, width))
    stds = []
    for _ in range(depth):
        try:
            W = init((width, width), seed=seed)
        except TypeError:
            W = init((width, width))
        h = f(h @ np.asarray(W, dtype=np.float64))
        stds.append(float(np.std(h)))
    return stds
