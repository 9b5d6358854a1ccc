"""Attack: os._exit(0) at import time, from a class body (class bodies run at import).
A "clean" exit code 0 must not look like success.

Expected: status crashed, score 0.
"""
import os


class Leave:
    os._exit(0)


def add(a, b):
    raise NotImplementedError


def scale(x, k):
    raise NotImplementedError
