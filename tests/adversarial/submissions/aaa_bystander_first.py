"""Bystander (not an attack): a correct submission graded before the hostile ones.

Expected: 5/5, graded. It must not be disturbed by anything else in the class.
"""
import numpy as np


def add(a, b):
    return a + b


def scale(x, k):
    return np.asarray(x) * k
