import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.99, eps=1e-3):
    """Mistake: normalizes with the batch statistics at inference too (running averages unused)."""
    x = np.asarray(x, dtype=np.float64)
    running_mean = np.asarray(running_mean, dtype=np.float64)
    running_var = np.asarray(running_var, dtype=np.float64)
    axes = tuple(range(x.ndim - 1))
    mean, var = x.mean(axis=axes), x.var(axis=axes)
    if training:
        running_mean = momentum * running_mean + (1.0 - momentum) * mean
        running_var = momentum * running_var + (1.0 - momentum) * var
    out = np.asarray(gamma) * (x - mean) / np.sqrt(var + eps) + np.asarray(beta)
    return out, running_mean, running_var
