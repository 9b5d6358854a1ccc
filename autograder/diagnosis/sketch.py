"""A bounded, JSON-able summary of a value a graded function returned, and the tolerant match of two.

A sketch keeps what tells one answer from another (types, shapes, exact small values, evenly
spaced samples of arrays, their sums) in at most a few hundred numbers, whatever the value's
size, so a lab's mistakes can be stored per call and shipped to students without shipping
answers' bulk. Values the trusted side cannot compare (objects living in the worker, models)
have no sketch.
"""

from __future__ import annotations

import math
import re
import tempfile
from typing import Any

import numpy as np

SAMPLES = 64  # array elements / sequence items / dict entries kept
MAX_KEYS = 10_000  # a bigger dict is not sketched (its keys would have to be sorted)
MAX_NODES = 512  # values in one sketch (each array one value): a bigger structure is not sketched
MAX_DEPTH = 4
MAX_TEXT = 200
RTOL, ATOL = 1e-4, 1e-6  # looser than float32 round-off, far tighter than any mistake the labs list

_TEMPORARY_PATH = re.compile(re.escape(tempfile.gettempdir().rstrip("/")) + r"/[^\s'\"]*")

Sketch = list  # ["kind", ...]: JSON-able
UNSTABLE: Sketch = ["unstable"]  # one call answered differently on two occasions


_RANDOM_RUN = re.compile(r"[0-9a-f]{6,}")


def stable_text(text: str) -> str:
    """`text` with temporary paths (their folders are random) reduced to their last component,
    less its random-looking runs ("kt-search-38836ca7c3" -> "kt-search-*")."""
    def stable(match: re.Match) -> str:
        return "<tmp>/" + _RANDOM_RUN.sub("*", match.group(0).rstrip("/").rsplit("/", 1)[-1])

    return _TEMPORARY_PATH.sub(stable, text)


def sketch(value: Any) -> Sketch | None:
    """The sketch of a plain value (what the codec decodes), None for anything else or for a
    structure of more than MAX_NODES values."""
    budget = [MAX_NODES]
    return _sketch(value, 0, budget)


def _sketch(value: Any, depth: int, budget: list[int]) -> Sketch | None:
    budget[0] -= 1
    if depth > MAX_DEPTH or budget[0] < 0:
        return None
    if value is None or isinstance(value, bool):
        return ["=", value]
    if isinstance(value, str):
        return ["=", stable_text(value[:10 * MAX_TEXT])[:MAX_TEXT]]
    if isinstance(value, (int, float, np.generic, np.ndarray)):
        return _array_sketch(np.asarray(value))
    if isinstance(value, (list, tuple)):
        return _sequence_sketch(list(value), depth, budget)
    if isinstance(value, dict) and len(value) <= MAX_KEYS:
        keys = sorted(value, key=repr)[:SAMPLES]
        items = [[repr(key)[:MAX_TEXT], _sketch(value[key], depth + 1, budget)] for key in keys]
        return None if any(item[1] is None for item in items) else ["d", len(value), items]
    return None


def _sequence_sketch(items: list[Any], depth: int, budget: list[int]) -> Sketch | None:
    if items and all(isinstance(item, (int, float, np.number)) and not isinstance(item, bool) for item in items):
        return _array_sketch(np.asarray(items))
    kept = [_sketch(items[i], depth + 1, budget) for i in _spread(len(items))]
    return None if any(item is None for item in kept) else ["l", len(items), kept]


def _spread(length: int) -> list[int]:
    """At most SAMPLES indices spread evenly over range(length), first and last included."""
    if length <= SAMPLES:
        return list(range(length))
    return sorted({round(i * (length - 1) / (SAMPLES - 1)) for i in range(SAMPLES)})


def _array_sketch(array: np.ndarray) -> Sketch | None:
    if array.dtype.kind not in "biuf":
        return None
    flat = array.reshape(-1)
    exact = array.dtype.kind in "biu"
    finite = np.isfinite(flat)  # summed in place, without a float64 copy of a big array
    total = np.sum(flat, dtype=np.float64, where=finite)
    magnitude = np.sum(np.abs(flat), dtype=np.float64, where=finite)
    samples = [_number(flat[i]) for i in _spread(flat.size)]
    return ["a", "i" if exact else "f", list(array.shape), samples, _number(total), _number(magnitude)]


def raised(type_name: str) -> Sketch:
    """The sketch of a call that raised (the exception's type name only)."""
    return ["raised", type_name[:MAX_TEXT]]


def _number(value: float) -> float | str:
    """A float as JSON keeps it: non-finite ones by name."""
    value = float(value)
    return value if math.isfinite(value) else repr(value)


def matches(a: Sketch | None, b: Sketch | None) -> bool:
    """Two sketches describe the same value within the tolerance (same structure, exact parts equal)."""
    if a is None or b is None or a[0] != b[0]:
        return False
    kind = a[0]
    if kind == "unstable":
        return True
    if kind in ("=", "raised", "model"):
        return a[1] == b[1] and type(a[1]) is type(b[1])
    if kind == "a":
        return _arrays_match(a, b)
    if kind == "l":
        return a[1] == b[1] and len(a[2]) == len(b[2]) and all(matches(x, y) for x, y in zip(a[2], b[2]))
    if kind == "d":
        return a[1] == b[1] and len(a[2]) == len(b[2]) and all(
            ka == kb and matches(va, vb) for (ka, va), (kb, vb) in zip(a[2], b[2])
        )
    return False


def _arrays_match(a: Sketch, b: Sketch) -> bool:
    _, kind_a, shape_a, samples_a, sum_a, abs_a = a
    _, kind_b, shape_b, samples_b, sum_b, abs_b = b
    if shape_a != shape_b or len(samples_a) != len(samples_b):
        return False
    left, right = _floats(samples_a), _floats(samples_b)
    if kind_a == kind_b == "i":  # integers compare exactly; against floats, as floats
        return bool(np.array_equal(left, right))
    if not np.allclose(left, right, rtol=RTOL, atol=ATOL, equal_nan=True):
        return False
    scale = max(float(abs_a), float(abs_b))
    return math.isclose(float(sum_a), float(sum_b), rel_tol=0, abs_tol=RTOL * scale + ATOL)


def _floats(values: list[float | str]) -> np.ndarray:
    """Samples as stored (non-finite ones by name) back to floats."""
    return np.asarray([float(v) for v in values], dtype=float)
