"""The namespace holder of a forked worker ends as the worker's init ended, at once.

Before: a worker killed by SIGKILL made its holder call signal.signal(SIGKILL, ...), which
raises; the holder ran on into the zygote's code until the zygote's 1 s grace ran out, so
every submission paid a second to stop its worker.
"""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest


def end_like(status: int) -> int:
    code = f"from autograder.worker.zygote import _exit_like; _exit_like({status}); print('ran on')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "ran on" not in done.stdout and "Traceback" not in done.stderr, done.stderr
    return done.returncode


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGSEGV, signal.SIGXCPU])
def test_killed_by_a_signal_ends_by_the_same_signal(signum: int):
    assert end_like(int(signum)) == -signum  # a wait status of N: terminated by signal N


@pytest.mark.parametrize("code", [0, 1, 3])
def test_an_exit_code_is_passed_on(code: int):
    assert end_like(code << 8) == code
