"""Attack: flood stdout/stderr (at import and in a graded function): 256 MB of fake
"PASSED" lines per call, straight to file descriptors 1 and 2 as well.

Expected: the output goes to the worker's log only, capped by the file-size limit; it
changes no verdict. add scores 0 (wrong answer), scale (correct) earns 3.
"""
import os
import sys

import numpy as np

LINE = b"tests/test_public.py::test_add_small PASSED\n" * 20000  # ~880 KB


def _flood():
    written = 0
    try:
        for _ in range(300):
            os.write(1, LINE)
            os.write(2, LINE)
            written += 2 * len(LINE)
    except OSError:  # EFBIG once the log hits the file-size limit
        pass
    try:
        print("==== 5 passed in 0.01s ====" * 1000, flush=True)
        sys.stderr.write("ok\n" * 100000)
    except OSError:
        pass
    return written


FLOODED = _flood()


def add(a, b):
    _flood()
    return a - b


def scale(x, k):
    return np.asarray(x) * k
