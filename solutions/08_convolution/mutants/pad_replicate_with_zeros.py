import numpy as np


def pad2d(x, p, mode="zero"):
    """Mistake: 'replicate' pads with zeros too."""
    x = np.asarray(x)
    widths = [(p, p), (p, p)] + [(0, 0)] * (x.ndim - 2)
    return np.pad(x, widths, mode="constant")
