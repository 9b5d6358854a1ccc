"""Attack: stop the grader's machinery. The worker sends SIGSTOP to its own process
group (kill(0, SIGSTOP)). A PID namespace hides other processes' IDs but not process
group membership: if the worker still shares a process group with the zygote that
forked it (and the zygote's bubblewrap), they are all stopped, and nothing ever
continues them. The answers themselves are correct.

Expected: the worker can only ever stop itself; the next submission (graded right after
by the same grading process, see stop_process_group_victim) gets its 5/5. This one may
score up to 5.
"""
import os
import signal

import numpy as np


def add(a, b):
    if a == 2:
        try:
            os.killpg(0, signal.SIGSTOP)
        except OSError:
            pass
    return a + b


def scale(x, k):
    return np.asarray(x) * k
