"""Attack: outlive the worker. The worker is PID 1 of its own PID namespace and dies with
its parent through a parent-death signal (PR_SET_PDEATHSIG) that it may clear itself.
add(2, 3) clears it and then becomes `/bin/sleep 6264` (exec, same PID): the call times
out, the grader has the zygote kill the worker's parent, and the "worker" lives on.

Expected: nothing the submission started outlives its worker: 2 s after this
submission's row is written (while the run goes on with the next ones), no
`sleep 6264` exists. add scores 0; scale is correct (up to 3).
"""
import ctypes
import os

import numpy as np

PR_SET_PDEATHSIG = 1


def add(a, b):
    if (a, b) == (2, 3):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0)
        os.execv("/bin/sleep", ["sleep", "6264"])
    return a - b


def scale(x, k):
    return np.asarray(x) * k
