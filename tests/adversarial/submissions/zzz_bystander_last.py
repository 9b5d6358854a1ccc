"""Bystander (not an attack): a correct submission graded after the hostile ones.

Expected: 5/5, graded. Whatever the earlier submissions did (forks, orphans, memory,
killed workers, patched libraries) must not cost it a single point.
"""
import numpy as np


def add(a, b):
    return a + b


def scale(x, k):
    return np.asarray(x) * k
