import numpy as np


def pad2d(x, p, mode="zero"):
    """Mistake: np.pad(x, p) pads every axis, the channel axis of (H, W, C) images included."""
    return np.pad(np.asarray(x), p, mode="constant" if mode == "zero" else "edge")
