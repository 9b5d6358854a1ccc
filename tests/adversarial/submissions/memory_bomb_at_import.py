"""Attack: allocate 64 GB at import time, from a class body (class bodies run at import,
and an exception there is not skipped the way a failing constant is).

Expected: importing fails (MemoryError or an out-of-memory kill): status crashed,
score 0; other submissions unaffected.
"""


class Hoard:
    blob = bytearray(64 << 30)


def add(a, b):
    raise NotImplementedError


def scale(x, k):
    raise NotImplementedError
