"""Helpers shared by lab 08's public and hidden tests (released with the public tests)."""

import numpy as np


def arr(x):
    """x as a float64 numpy array."""
    return np.asarray(x, dtype=np.float64)
