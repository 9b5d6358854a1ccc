"""Attack (first of a pair; see signal_zygote_b_victim): signal every process it can see
(the zygote, other workers) and change a library module in memory (numpy.add), hoping the
change or the signals reach the zygote and so the next worker forked from it.

Expected (this file): score 0; the victim keeps 5/5 (own PID namespace; a forked child's
memory is its own).
"""
import os
import signal

import numpy as np


def _attack():
    np.add = lambda *args, **kwargs: 0
    np.multiply = lambda *args, **kwargs: 0
    for pid in range(2, 4096):
        if pid == os.getpid():
            continue
        for sig in (signal.SIGSTOP, signal.SIGUSR1):
            try:
                os.kill(pid, sig)
            except OSError:
                pass


def add(a, b):
    _attack()
    return a - b


def scale(x, k):
    raise NotImplementedError
