"""Attack: make the judge do unbounded work *after* a reply arrived, where no call
timeout applies. The answers are correct, but the reply to scale(x, -1.5) (the hidden
test_scale_values) is replaced, by monkeypatching the worker's protocol, with a set of
integers that all have the same hash (k * (2**61 - 1)): decoding it is quadratic. The
worker sizes the set from a measurement on this machine so that the judge needs roughly
30 s to decode it; each extra 10x in size costs the judge 100x (a 25 MB reply: hours).

Expected: a call never costs the judge much more than the call timeout (5 s): the
stalled test may fail (the set is not an array) but must finish within its 2 calls x
5 s + slack (12 s). Max score 5 (the other answers are correct).
"""
import time

import numpy as np

import autograder.worker.dispatcher as DISPATCHER

TARGET_SECONDS = 30.0
COLLIDING_STEP = 2**61 - 1  # hash(k * COLLIDING_STEP) == 0 for every int k
STATE = {"stall": False}


def _colliding(count):
    return [k * COLLIDING_STEP for k in range(1, count + 1)]


def _size_for_target():
    probe = 3000
    started = time.perf_counter()
    set(_colliding(probe))
    took = max(time.perf_counter() - started, 1e-4)
    return min(int(probe * (TARGET_SECONDS / took) ** 0.5), 400_000)


def _install():
    original = DISPATCHER.pack

    def pack(body, blobs):
        if STATE["stall"] and isinstance(body, dict) and "ok" in body:
            STATE["stall"] = False
            return original({"ok": {"$set": _colliding(_size_for_target())}}, [])
        return original(body, blobs)

    DISPATCHER.pack = pack
    return True


INSTALLED = _install()


def add(a, b):
    return a + b


def scale(x, k):
    if k == -1.5:
        STATE["stall"] = True
    return np.asarray(x) * k
