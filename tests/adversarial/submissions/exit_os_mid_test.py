"""Attack: os._exit(0) in the middle of a test (inside add), with stdout flushed first
so a "clean" exit status is all the grader sees.

Expected: status crashed; add scores 0; scale (correct) earns 3 on a fresh worker.
"""
import os
import sys

import numpy as np


def add(a, b):
    print("5")
    sys.stdout.flush()
    os._exit(0)


def scale(x, k):
    return np.asarray(x) * k
