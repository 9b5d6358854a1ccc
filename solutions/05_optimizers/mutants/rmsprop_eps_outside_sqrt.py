import numpy as np


def rmsprop_step(w, g, s, lr, rho=0.9, eps=1e-7):
    """Mistake: adds eps outside the square root (Adam's convention), not inside as Keras' RMSprop."""
    w, g, s = (np.asarray(a, dtype=np.float64) for a in (w, g, s))
    s = rho * s + (1.0 - rho) * g**2
    w = w - lr * g / (np.sqrt(s) + eps)
    return w, s
