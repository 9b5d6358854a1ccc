"""Attack: an infinite loop inside a graded function (only for the public add test, so
the corpus pays the 5 s call timeout once).

Expected: status timeout; add scores 0 (the hidden add test gets a wrong answer);
scale is correct and still earns its 3 points on a fresh worker.
"""
import numpy as np


def add(a, b):
    if (a, b) == (2, 3):
        while True:
            pass
    return a - b


def scale(x, k):
    return np.asarray(x) * k
