"""Victim (not an attack): a correct submission graded right after shm_pin_memory. It
uses 450 MB of scratch memory in add, within the lab's 512 MB memory limit.

Expected: 5/5, graded: memory another submission pinned must not count against it.
"""
import numpy as np


def add(a, b):
    scratch = np.ones(450 << 17)  # 450 MB of float64
    return a + b + int(scratch[-1]) - 1


def scale(x, k):
    return np.asarray(x) * k
