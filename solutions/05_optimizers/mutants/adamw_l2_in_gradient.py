import numpy as np


def adamw_step(w, g, m, v, t, lr, weight_decay=0.004, beta1=0.9, beta2=0.999, eps=1e-7):
    """Mistake: L2 regularization folded into the gradient (Adam + L2), not decoupled decay."""
    w = np.asarray(w, dtype=np.float64)
    g = np.asarray(g, dtype=np.float64) + weight_decay * w
    return adam_step(w, g, m, v, t, lr, beta1=beta1, beta2=beta2, eps=eps)
