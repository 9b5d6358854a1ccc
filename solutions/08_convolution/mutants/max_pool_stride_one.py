import numpy as np


def max_pool2d(x, size=2, stride=2):
    """Mistake: slides the window one pixel at a time, ignoring the stride."""
    x = np.asarray(x, dtype=np.float64)
    H, W, C = x.shape
    H_out, W_out = H - size + 1, W - size + 1
    out = np.empty((H_out, W_out, C))
    for i in range(H_out):
        for j in range(W_out):
            out[i, j] = x[i:i + size, j:j + size].max(axis=(0, 1))
    return out
