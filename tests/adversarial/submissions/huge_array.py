"""Attack: return huge values: a 100 MB float array (all 5.0) for add(2, 3), and a
2-million-item list for the hidden add test.

Expected: they are plain data, so they cross the boundary (or fail to be sent) without
hurting the judge; neither equals the expected number. Score 0 (scale not implemented).
"""
import numpy as np


def add(a, b):
    if a == 2:
        return np.full(12_500_000, 5.0)
    return list(range(2_000_000))


def scale(x, k):
    raise NotImplementedError
