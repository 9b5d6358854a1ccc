"""Attack: kill everything it can see: kill(-1, SIGKILL), its parent, and every PID listed
in /proc (SIGSTOP first, in case stopping the grader is easier than killing it). The
answers themselves are correct. (Signals to its process group are separate attacks:
stop_process_group and kill_zygote_after_reply.)

Expected: the worker sees only its own PID namespace, so the grader, the zygote and the
other submissions are untouched. Score up to 5 (the answers are correct).
"""
import os
import signal

import numpy as np


def _massacre():
    for sig in (signal.SIGSTOP, signal.SIGKILL):
        for action in (lambda: os.kill(-1, sig), lambda: os.kill(os.getppid() or -1, sig)):
            try:
                action()
            except OSError:
                pass
        for name in os.listdir("/proc"):
            if name.isdigit() and int(name) != os.getpid():
                try:
                    os.kill(int(name), sig)
                except OSError:
                    pass


def add(a, b):
    _massacre()
    return a + b


def scale(x, k):
    return np.asarray(x) * k
