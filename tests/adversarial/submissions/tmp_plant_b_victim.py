"""Victim of tmp_plant_a_writer (graded right after it by the same grading process): a correct
submission that checks what the previous worker could have left. If any planted file is
visible, if it cannot write a file to /tmp, or if its interpreter is not isolated (cwd, /tmp
or '' on sys.path, PYTHON* variables), its answers turn wrong.

Expected: 5/5, graded.
"""
import glob
import os
import sys

import numpy as np


def _clean():
    planted = glob.glob("/tmp/ADVERSARIAL*") + glob.glob("/tmp/*.py") + glob.glob("/dev/shm/ADVERSARIAL*")
    isolated = not any(entry in ("", ".", "/tmp") for entry in sys.path) and not any(k.startswith("PYTHON") for k in os.environ)
    try:
        with open("/tmp/victim-can-write", "wb") as handle:
            handle.write(b"\0" * (1 << 20))
        writable = True
    except OSError:
        writable = False
    return not planted and isolated and writable and "ADVERSARIAL-PLANTED" not in os.environ


CLEAN = _clean()


def add(a, b):
    return a + b if CLEAN else a - b


def scale(x, k):
    return np.asarray(x) * k if CLEAN else np.asarray(x)
