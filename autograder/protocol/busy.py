"""The worker's account of its own time: every reply carries `busy_s`, the seconds the worker
spent serving that request (the student's code, and the Keras work it asked for)."""

from __future__ import annotations

import math
from typing import Any

BUSY_KEY = "busy_s"


def with_busy(reply: dict, seconds: float) -> dict:
    """`reply` with the worker's time for it (worker side)."""
    return {**reply, BUSY_KEY: round(seconds, 6)}


def without_busy(reply: Any, round_trip_s: float) -> tuple[Any, float]:
    """The reply as the proxy reads it, and the seconds to count as the submission's own.

    A worker could report anything: a valid report is capped at the round trip measured on the
    trusted side, and a missing or invalid one counts as the whole round trip.
    """
    if not isinstance(reply, dict) or BUSY_KEY not in reply:
        return reply, round_trip_s
    reply = dict(reply)
    busy = reply.pop(BUSY_KEY)
    valid = isinstance(busy, (int, float)) and not isinstance(busy, bool) and math.isfinite(busy) and busy >= 0
    return reply, min(float(busy), round_trip_s) if valid else round_trip_s
