"""Attack: sleep far past the call timeout (and ignore SIGTERM/SIGINT/SIGALRM first, in
case the grader tries to stop the call politely).

Expected: status timeout after the 5 s call limit; add scores 0; scale (correct) still
earns 3 points.
"""
import signal
import time

import numpy as np


def add(a, b):
    if (a, b) == (2, 3):
        for number in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM, signal.SIGHUP):
            signal.signal(number, signal.SIG_IGN)
        time.sleep(3600)
    return a - b


def scale(x, k):
    return np.asarray(x) * k
