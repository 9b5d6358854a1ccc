import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    """Mistake: perturbs x in place and never puts x[i] back, so later entries are evaluated at a shifted x."""
    x = np.asarray(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + eps
        f_plus = float(f(x))
        x[index] = original - eps
        f_minus = float(f(x))
        grad[index] = (f_plus - f_minus) / (2.0 * eps)
    return grad
