"""Attack: a memory bomb inside a graded function: keep allocating (and touching)
64 MB blocks until something gives.

Expected: the worker's memory limit stops it (MemoryError or an out-of-memory kill);
add scores 0; scale (correct) still earns 3 points; other submissions unaffected.
"""
import numpy as np


def add(a, b):
    hoard = []
    while True:
        hoard.append(np.ones(8 << 20))  # 64 MB each, pages touched


def scale(x, k):
    return np.asarray(x) * k
