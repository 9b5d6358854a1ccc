"""Victim (not an attack): a correct submission graded right after kill_zygote_after_reply,
by the same grading process.

Expected: 5/5, graded, and a gradebook at the end of the run.
"""
import numpy as np


def add(a, b):
    return a + b


def scale(x, k):
    return np.asarray(x) * k
