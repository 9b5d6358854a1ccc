import numpy as np


def momentum_step(w, g, v, lr, momentum=0.9, nesterov=False):
    """Mistake: ignores `nesterov`; the look-ahead update is never used."""
    w, g, v = (np.asarray(a, dtype=np.float64) for a in (w, g, v))
    v = momentum * v - lr * g
    return w + v, v
