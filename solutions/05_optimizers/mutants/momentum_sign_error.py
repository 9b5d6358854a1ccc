import numpy as np


def momentum_step(w, g, v, lr, momentum=0.9, nesterov=False):
    """Mistake: adds lr * g to the velocity, so the weights move uphill."""
    w, g, v = (np.asarray(a, dtype=np.float64) for a in (w, g, v))
    v = momentum * v + lr * g
    if nesterov:
        w = w + momentum * v + lr * g
    else:
        w = w + v
    return w, v
