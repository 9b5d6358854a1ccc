"""Attack: like hash_collision_reply, but with a dict whose 200,000 integer keys share one
hash (k * (2**61 - 1)), and a set of tuples whose hashes collide, as replies to the hidden
tests: building either on the judge would take minutes to hours.

Expected: both replies are refused in linear time; no test takes more than 12 s; the public
tests still pass (score between 3 and 5).
"""
import autograder.worker.dispatcher as DISPATCHER

import numpy as np

ORIGINAL = DISPATCHER.pack
STEP = 2**61 - 1
STATE = {"kind": None}


def pack(body, blobs):
    if STATE["kind"] and isinstance(body, dict) and "ok" in body:
        kind, STATE["kind"] = STATE["kind"], None
        if kind == "dict":
            return ORIGINAL({"ok": {"$d": [[k * STEP, 0] for k in range(1, 200_001)]}}, [])
        return ORIGINAL({"ok": {"$set": [{"$t": [k * STEP]} for k in range(1, 200_001)]}}, [])
    return ORIGINAL(body, blobs)



def _install():
    DISPATCHER.pack = pack
    return True


INSTALLED = _install()  # an ALL_CAPS constant: extraction keeps it, so it runs at import


def add(a, b):
    if a == -7:
        STATE["kind"] = "dict"
    return a + b


def scale(x, k):
    if k == -1.5:
        STATE["kind"] = "set"
    return np.asarray(x) * k
