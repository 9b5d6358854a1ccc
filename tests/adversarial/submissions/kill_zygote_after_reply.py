"""Attack: kill the zygote behind the grader's back, right after the last answer. The
answers are correct; the worker patches its own reply loop so that, once the reply to
the last call (scale(x, 3.0), the last hidden test) is written, it sends SIGKILL to its
process group, which it shares with the zygote and the zygote's bubblewrap across its
PID namespace (kill(0, SIGKILL)). When the grader then closes this submission's worker,
the zygote is gone.

Expected: a dead zygote costs at most this submission's own row; the run goes on and
the next submission (kill_zygote_after_reply_victim) gets a fresh zygote and 5/5.
"""
import os
import signal

import numpy as np

import autograder.worker.__main__ as WORKER_MAIN

STATE = {"armed": False}


def _install():
    original = WORKER_MAIN.write_frame

    def write_frame(fd, frame, *args, **kwargs):
        original(fd, frame, *args, **kwargs)
        if STATE["armed"]:
            os.killpg(0, signal.SIGKILL)

    WORKER_MAIN.write_frame = write_frame
    return True


INSTALLED = _install()


def add(a, b):
    return a + b


def scale(x, k):
    if k == 3.0:
        STATE["armed"] = True
    return np.asarray(x) * k
