"""Victim of signal_zygote_a: correct answers computed with numpy.add / numpy.multiply, which
the attacker replaced in its own worker's memory.

Expected: 5/5, graded.
"""
import numpy as np


def add(a, b):
    return int(np.add(a, b))


def scale(x, k):
    return np.multiply(np.asarray(x), k)
