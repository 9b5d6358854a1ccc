"""Ctrl-C during the garbage collector's weakref callbacks is swallowed by Python; StopRequest
still remembers it (the bug that let `grade --jobs 1` run on after Ctrl-C)."""

from __future__ import annotations

import gc
import os
import signal
import weakref

import pytest

from autograder.stop_request import StopRequest


class Garbage:
    pass


def ctrl_c_inside_a_weakref_callback() -> None:
    """Deliver SIGINT while the collector runs a weakref callback, as pytest's gc.collect() does."""
    cycle = Garbage()
    cycle.me = cycle  # only the collector frees it, so the callback runs inside gc.collect()
    keep = weakref.ref(cycle, lambda _: os.kill(os.getpid(), signal.SIGINT) or sum(range(1000)))
    del cycle
    gc.collect()
    del keep


swallowed = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@swallowed
def test_python_swallows_ctrl_c_raised_in_a_weakref_callback():
    with StopRequest():
        ctrl_c_inside_a_weakref_callback()  # no KeyboardInterrupt comes out: this is why the flag exists


@swallowed
def test_the_swallowed_ctrl_c_is_remembered_and_raised_again():
    with StopRequest() as stop:
        ctrl_c_inside_a_weakref_callback()
        assert stop.requested
        with pytest.raises(KeyboardInterrupt):
            stop.raise_if_requested()


def test_ctrl_c_still_raises_where_it_lands_and_the_old_handler_comes_back():
    before = signal.getsignal(signal.SIGINT)
    with StopRequest() as stop:
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            sum(range(1000))
    assert stop.requested and signal.getsignal(signal.SIGINT) is before


def test_no_request_no_stop():
    with StopRequest() as stop:
        stop.raise_if_requested()
    assert not stop.requested
