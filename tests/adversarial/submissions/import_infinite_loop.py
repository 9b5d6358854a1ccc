"""Attack: an infinite loop at import time, hidden in a constant's initializer
(the grader keeps ALL_CAPS constants, so this runs when the module is imported).

Expected: timeout after the lab's import limit (20 s), every test scores 0, the next
submission is graded normally.
"""
def _spin():
    while True:
        pass


READY = _spin()


def add(a, b):
    raise NotImplementedError


def scale(x, k):
    raise NotImplementedError
