import numpy as np


def conv2d(x, kernel, stride=1, padding="valid"):
    """Mistake: flips the kernel (textbook convolution) instead of Keras' cross-correlation."""
    x = np.asarray(x, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)[::-1, ::-1]
    f = kernel.shape[0]
    s = int(stride)
    H, W, _ = x.shape

    def same_padding(n):
        n_out = -(-n // s)
        total = max((n_out - 1) * s + f - n, 0)
        return total // 2, total - total // 2

    if padding == "valid":
        rows = cols = (0, 0)
    elif padding == "same":
        rows, cols = same_padding(H), same_padding(W)
    else:
        rows = cols = (int(padding), int(padding))
    xp = np.pad(x, [rows, cols, (0, 0)])
    H_out = (xp.shape[0] - f) // s + 1
    W_out = (xp.shape[1] - f) // s + 1
    out = np.zeros((H_out, W_out, kernel.shape[3]))
    for i in range(H_out):
        for j in range(W_out):
            out[i, j, :] = np.tensordot(xp[i * s:i * s + f, j * s:j * s + f, :], kernel, axes=3)
    return out
