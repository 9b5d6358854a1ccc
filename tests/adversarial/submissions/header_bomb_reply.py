"""Attack: replies whose JSON header is far over any honest reply (a 32 MB string, then a
list nested 200,000 deep) for the hidden tests, to exhaust the judge's memory or stack while
parsing.

Expected: both replies are refused before parsing (header budget) or by the parser's depth
limit; those tests fail as crashes, the rest of each question is not run, the public tests
(run first) pass. Score 2 or 3.
"""
import autograder.worker.dispatcher as DISPATCHER

import numpy as np

ORIGINAL = DISPATCHER.pack
STATE = {"bomb": None}


def _frame(header_text):
    import struct

    header = ('{"body":' + header_text + ',"blobs":[]}').encode()
    return struct.pack("<QQ", len(header), 0) + header


def pack(body, blobs):
    if STATE["bomb"] and isinstance(body, dict) and "ok" in body:
        kind, STATE["bomb"] = STATE["bomb"], None
        if kind == "big":
            return _frame('{"ok":"' + "x" * (32 << 20) + '"}')
        return _frame('{"ok":' + "[" * 200_000 + "]" * 200_000 + "}")
    return ORIGINAL(body, blobs)



def _install():
    DISPATCHER.pack = pack
    return True


INSTALLED = _install()  # an ALL_CAPS constant: extraction keeps it, so it runs at import


def add(a, b):
    if a == -7:
        STATE["bomb"] = "big"
    return a + b


def scale(x, k):
    if k == -1.5:
        STATE["bomb"] = "deep"
    return np.asarray(x) * k
