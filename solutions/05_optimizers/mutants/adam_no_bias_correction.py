import numpy as np


def adam_step(w, g, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-7):
    """Mistake: uses the raw moments m and v, without dividing by 1 - beta**t."""
    w, g, m, v = (np.asarray(a, dtype=np.float64) for a in (w, g, m, v))
    m = beta1 * m + (1.0 - beta1) * g
    v = beta2 * v + (1.0 - beta2) * g**2
    w = w - lr * m / (np.sqrt(v) + eps)
    return w, m, v
