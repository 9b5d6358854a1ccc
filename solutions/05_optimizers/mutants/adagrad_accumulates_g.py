import numpy as np


def adagrad_step(w, g, accum, lr, eps=1e-7):
    """Mistake: accumulates the gradients g instead of their squares g**2."""
    w, g, accum = (np.asarray(a, dtype=np.float64) for a in (w, g, accum))
    accum = accum + g
    w = w - lr * g / np.sqrt(np.abs(accum) + eps)
    return w, accum
