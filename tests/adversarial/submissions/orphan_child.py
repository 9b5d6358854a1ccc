"""Attack: spawn processes meant to outlive the worker: a double-forked, setsid'd
`/bin/sleep 6262` that ignores SIGHUP/SIGTERM, and a new-session Python child running
`time.sleep(6263)`. The answers themselves are correct.

Expected: full marks (the attack is a correct answer), and no process with either
command line exists shortly after the run (they die with the worker's PID namespace).
"""
import os
import signal
import subprocess
import sys

import numpy as np


def _escape():
    if os.fork() == 0:
        try:
            os.setsid()
            if os.fork() == 0:
                signal.signal(signal.SIGHUP, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                os.execv("/bin/sleep", ["sleep", "6262"])
        finally:
            os._exit(0)
    try:
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(6263)"],
                         start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        pass


def add(a, b):
    _escape()
    return a + b


def scale(x, k):
    return np.asarray(x) * k
