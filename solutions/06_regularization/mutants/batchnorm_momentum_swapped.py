import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.99, eps=1e-3):
    """Mistake: momentum weights the new batch: running = momentum * batch + (1 - momentum) * running."""
    x = np.asarray(x, dtype=np.float64)
    running_mean = np.asarray(running_mean, dtype=np.float64)
    running_var = np.asarray(running_var, dtype=np.float64)
    if training:
        axes = tuple(range(x.ndim - 1))
        mean, var = x.mean(axis=axes), x.var(axis=axes)
        running_mean = (1.0 - momentum) * running_mean + momentum * mean
        running_var = (1.0 - momentum) * running_var + momentum * var
    else:
        mean, var = running_mean, running_var
    out = np.asarray(gamma) * (x - mean) / np.sqrt(var + eps) + np.asarray(beta)
    return out, running_mean, running_var
