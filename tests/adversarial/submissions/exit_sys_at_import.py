"""Attack: sys.exit(0) at import time, from a class body: a "successful" exit status
while the grader is importing the submission.

Expected: status crashed (SystemExit while importing), score 0.
"""
import sys


class Leave:
    sys.exit(0)


def add(a, b):
    raise NotImplementedError


def scale(x, k):
    raise NotImplementedError
