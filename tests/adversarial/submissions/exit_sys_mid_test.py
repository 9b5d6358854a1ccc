"""Attack: sys.exit(0) and KeyboardInterrupt in the middle of tests, hoping the grader
treats a SystemExit(0) as "the test finished" or aborts the whole run.

Expected: both are ordinary errors of the student's code: add scores 0, scale
(correct) earns 3, the run goes on.
"""
import sys

import numpy as np


def add(a, b):
    if a == 2:
        sys.exit(0)
    raise KeyboardInterrupt


def scale(x, k):
    return np.asarray(x) * k
