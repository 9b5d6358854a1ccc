import numpy as np


def vertical_edge_kernel():
    """Mistake: the textbook (1, 0, -1) kernel, which (without a flip) finds bright-to-dark edges."""
    return np.array([[1.0, 0.0, -1.0]] * 3)
