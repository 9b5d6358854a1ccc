"""The worker's own time per reply (protocol.busy): what a worker reports is capped by what the
trusted side measured, and never reaches the proxy's strict reply check."""

from __future__ import annotations

import math

import pytest

from autograder.protocol.busy import BUSY_KEY, with_busy, without_busy
from autograder.protocol.framing import unpack
from autograder.worker.dispatcher import Dispatcher
from autograder.worker.local import LocalSession


def test_a_valid_report_is_counted_and_removed():
    reply, seconds = without_busy(with_busy({"ok": 3}, 0.25), round_trip_s=1.0)
    assert reply == {"ok": 3} and seconds == 0.25


@pytest.mark.parametrize("claimed", [1e9, math.inf])
def test_a_report_longer_than_the_round_trip_counts_the_round_trip(claimed):
    assert without_busy({"ok": 1, BUSY_KEY: claimed}, round_trip_s=0.5)[1] == 0.5


@pytest.mark.parametrize("claimed", [-1.0, math.nan, "0.1", None, True, [0.1], {"s": 1}])
def test_an_invalid_report_counts_the_whole_round_trip(claimed):
    reply, seconds = without_busy({"ok": 1, BUSY_KEY: claimed}, round_trip_s=0.5)
    assert reply == {"ok": 1} and seconds == 0.5


@pytest.mark.parametrize("reply", [{"ok": 1}, "not a dict", [1, 2], None])
def test_no_report_counts_the_round_trip_and_leaves_the_reply_alone(reply):
    assert without_busy(reply, round_trip_s=0.5) == (reply, 0.5)


def test_the_dispatcher_reports_its_time_on_every_kind_of_reply():
    module = type("M", (), {"f": staticmethod(lambda: 1), "g": staticmethod(lambda: 1 / 0)})()
    dispatcher = Dispatcher(module)
    requests = [
        {"op": "getattr", "obj": 0, "attr": "f"},  # ok
        {"op": "getattr", "obj": 0, "attr": "nope"},  # missing
        {"op": "explode", "obj": 0},  # protocol error
    ]
    for body in requests:
        reply, _ = unpack(dispatcher.handle(body, []))
        assert isinstance(reply[BUSY_KEY], float) and reply[BUSY_KEY] >= 0, reply


def test_the_local_session_hands_the_proxy_replies_without_it():
    reply, _ = LocalSession({"f": lambda: 1}).request({"op": "getattr", "obj": 0, "attr": "nope"}, [])
    assert reply == {"missing": "nope"}


def test_a_result_too_big_for_the_header_is_a_timed_unsendable_error():
    dispatcher = Dispatcher(type("M", (), {"huge": 10**5000})())  # over Python's int-to-text limit
    reply, _ = unpack(dispatcher.handle({"op": "getattr", "obj": 0, "attr": "huge"}, []))
    assert reply["error"]["type"] == "UnsendableResult" and reply[BUSY_KEY] >= 0, reply
