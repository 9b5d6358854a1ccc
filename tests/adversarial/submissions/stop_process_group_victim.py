"""Victim (not an attack): a correct submission graded right after stop_process_group,
by the same grading process.

Expected: 5/5, graded.
"""
import numpy as np


def add(a, b):
    return a + b


def scale(x, k):
    return np.asarray(x) * k
