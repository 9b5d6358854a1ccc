"""Plain-data codec for values crossing the trusted/untrusted boundary.

A value becomes a JSON document plus a list of binary blobs (array buffers). Only plain
data is representable: None, bool, int, float, str, bytes, tuple, list, dict, set and
numpy arrays/scalars of numeric dtypes. Anything else goes through a caller-supplied hook
(remote handles on the worker side, Keras models on the trusted side). Nothing is pickled,
and decoding untrusted input only ever builds plain data.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from typing import Any, Callable

import numpy as np

MAX_DEPTH = 64
MAX_VALUES = 500_000  # JSON values in one message: a small reply must not expand into gigabytes
MAX_EQUAL_HASHES = 64  # distinct set items / dict keys sharing one hash (a collision attack makes them quadratic)
MAX_ARRAY_DIMENSIONS = 32
_DTYPE_PATTERN = re.compile(r"^[<>|=]?[biufc][0-9]{1,2}$")

ObjectHook = Callable[[Any, "Encoder"], Any]
TagHook = Callable[[str, Any, "Decoder"], Any]


class ProtocolError(Exception):
    """The other side sent something that is not a valid message."""


class Encoder:
    """Turns a value into (json_text, blobs). `on_object` handles non-plain values."""

    def __init__(self, on_object: ObjectHook | None = None) -> None:
        self.blobs: list[bytes] = []
        self._on_object = on_object

    def add_blob(self, data: bytes) -> int:
        self.blobs.append(data)
        return len(self.blobs) - 1

    def array(self, array: np.ndarray, scalar: bool = False) -> dict:
        if array.dtype.kind not in "biufc" or array.dtype.hasobject:
            raise TypeError(f"cannot send a numpy array of dtype {array.dtype}")
        return {"$a": [self.add_blob(array.tobytes(order="C")), array.dtype.str, list(array.shape), scalar]}

    def encode(self, value: Any, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise TypeError("value is nested too deeply to send")
        if value is None or isinstance(value, (bool, str)) or type(value) is int:
            return value
        if type(value) is float:
            return value if math.isfinite(value) else {"$f": repr(value)}
        if isinstance(value, np.ndarray):
            return self.array(np.asarray(value))
        if isinstance(value, np.generic) and value.dtype.kind in "biufc":
            return self.array(np.asarray(value), scalar=True)
        if isinstance(value, (bytes, bytearray)):
            return {"$b": self.add_blob(bytes(value))}
        if type(value) is list:
            return [self.encode(item, depth + 1) for item in value]
        if type(value) is tuple:
            return {"$t": [self.encode(item, depth + 1) for item in value]}
        if type(value) in (set, frozenset):
            return {"$set": [self.encode(item, depth + 1) for item in value]}
        if type(value) is dict:
            return {"$d": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in value.items()]}
        if self._on_object is not None:
            return self._on_object(value, self)
        raise TypeError(f"cannot send a value of type {type(value).__name__}")


class Decoder:
    """Turns (json_text, blobs) back into a value, never executing anything, in time linear in
    its size: at most MAX_VALUES values, and no set or dict whose keys collide in their hash."""

    def __init__(self, blobs: list[bytes] | list[memoryview], on_tag: TagHook | None = None) -> None:
        self.blobs = blobs
        self._on_tag = on_tag
        self._values = 0

    def blob(self, index: Any) -> bytes | memoryview:
        if type(index) is not int or not 0 <= index < len(self.blobs):
            raise ProtocolError("bad blob reference")
        return self.blobs[index]

    def array(self, payload: Any) -> Any:
        if not (isinstance(payload, list) and len(payload) == 4):
            raise ProtocolError("bad array header")
        index, dtype_text, shape, scalar = payload
        if not isinstance(dtype_text, str) or not _DTYPE_PATTERN.match(dtype_text):
            raise ProtocolError("refused dtype (numeric arrays only)")
        try:
            dtype = np.dtype(dtype_text)
        except TypeError:
            raise ProtocolError("refused dtype (numeric arrays only)") from None
        if not isinstance(shape, list) or len(shape) > MAX_ARRAY_DIMENSIONS or not all(type(n) is int and n >= 0 for n in shape):
            raise ProtocolError("bad array shape")
        data = self.blob(index)
        if math.prod(shape) * dtype.itemsize != len(data):
            raise ProtocolError("array size does not match its shape")
        try:
            array = np.frombuffer(data, dtype=dtype).reshape(tuple(shape)).copy()
        except ValueError:
            raise ProtocolError("bad array shape") from None
        return array[()] if scalar is True else array

    def decode(self, value: Any, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise ProtocolError("message nested too deeply")
        self._values += 1
        if self._values > MAX_VALUES:
            raise ProtocolError(f"message holds more than {MAX_VALUES} values")
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        if isinstance(value, list):
            return [self.decode(item, depth + 1) for item in value]
        if not (isinstance(value, dict) and len(value) == 1):
            raise ProtocolError("unexpected JSON object")
        (tag, payload), = value.items()
        if tag == "$t":
            return tuple(self._items(payload, depth))
        if tag == "$set":
            return set(self._keys(self._items(payload, depth)))
        if tag == "$d":
            if not isinstance(payload, list) or not all(isinstance(p, list) and len(p) == 2 for p in payload):
                raise ProtocolError("bad dict payload")
            keys = self._keys([self.decode(k, depth + 1) for k, _ in payload])
            return dict(zip(keys, [self.decode(v, depth + 1) for _, v in payload]))
        if tag == "$a":
            return self.array(payload)
        if tag == "$b":
            return bytes(self.blob(payload))  # blobs may be views of the frame's buffer
        if tag == "$f":
            if payload not in ("nan", "inf", "-inf"):
                raise ProtocolError("bad float")
            return float(payload)
        if self._on_tag is not None:
            return self._on_tag(tag, payload, self)
        raise ProtocolError("unknown tag")

    def _items(self, payload: Any, depth: int) -> list[Any]:
        if not isinstance(payload, list):
            raise ProtocolError("bad container payload")
        return [self.decode(item, depth + 1) for item in payload]

    @staticmethod
    def _keys(keys: list[Any]) -> list[Any]:
        """Keys that can go into one set or dict in linear time: hashable, few sharing a hash."""
        try:
            hashes = Counter(hash(key) for key in keys)
        except TypeError:
            raise ProtocolError("unhashable dict key or set item") from None
        if hashes and max(hashes.values()) > MAX_EQUAL_HASHES:
            raise ProtocolError("a set or dict whose keys share one hash (refused: building it takes quadratic time)")
        return keys


def dumps(document: Any) -> bytes:
    """Serialize an already-encoded document as strict JSON."""
    return json.dumps(document, allow_nan=False, separators=(",", ":")).encode()


def loads(data: bytes) -> Any:
    """Parse strict JSON from the other side."""
    try:
        return json.loads(data, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as error:
        raise ProtocolError(f"malformed message: {error}") from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"non-standard JSON constant {name}")
