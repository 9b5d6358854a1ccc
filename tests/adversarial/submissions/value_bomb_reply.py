"""Attack: a small reply that expands into gigabytes on the judge. The reply to add(-7, 4)
(the hidden test) is replaced by an 8 MB JSON header of empty lists ([[],[],...]): about
2.7 million Python lists, a few hundred MB, from one reply; bigger headers scale that up.

Expected: the reply is refused before it is parsed (value budget), the test fails, the other
answers are graded: score 4 at most (add's public test passes), at least 3 (scale).
"""
import autograder.worker.dispatcher as DISPATCHER

import numpy as np

ORIGINAL = DISPATCHER.pack
STATE = {"bomb": False}


def pack(body, blobs):
    if STATE["bomb"] and isinstance(body, dict) and "ok" in body:
        STATE["bomb"] = False
        return ORIGINAL({"ok": [[]] * 2_700_000}, [])
    return ORIGINAL(body, blobs)



def _install():
    DISPATCHER.pack = pack
    return True


INSTALLED = _install()  # an ALL_CAPS constant: extraction keeps it, so it runs at import


def add(a, b):
    if a == -7:
        STATE["bomb"] = True
    return a + b


def scale(x, k):
    return np.asarray(x) * k
