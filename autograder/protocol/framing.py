"""Length-prefixed messages over pipe file descriptors, with deadlines on the trusted side.

Frame: 8-byte header length, 8-byte blob-table length, JSON header, then the blobs
back to back. The header is `{"body": <encoded value>, "blobs": [sizes...]}`.
"""

from __future__ import annotations

import os
import select
import struct
import time
from typing import Any

from autograder.protocol.codec import MAX_VALUES, ProtocolError, dumps, loads

_PREFIX = struct.Struct("<QQ")
MAX_HEADER_BYTES = 8 * 1024 * 1024  # the JSON part: parsed into Python objects, so kept small
# the array blobs: read in place and decoded with one copy; a Keras model at the parameter
# budget (20 million float32 weights, 80 MB) fits
DEFAULT_MAX_MESSAGE_BYTES = 128 * 1024 * 1024


class ChannelClosed(Exception):
    """The other end closed the pipe (the process exited)."""


class ChannelTimeout(Exception):
    """No complete message arrived before the deadline."""


def pack(body: Any, blobs: list[bytes]) -> bytes:
    header = dumps({"body": body, "blobs": [len(b) for b in blobs]})
    payload = b"".join(blobs)
    return _PREFIX.pack(len(header), len(payload)) + header + payload


def _wait(fd: int, events: int, deadline: float | None) -> None:
    if deadline is None:
        return
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise ChannelTimeout()
    poller = select.poll()
    poller.register(fd, events)
    if not poller.poll(remaining * 1000):
        raise ChannelTimeout()


def write_frame(fd: int, frame: bytes, deadline: float | None = None) -> None:
    view = memoryview(frame)
    while view:
        _wait(fd, select.POLLOUT, deadline)
        try:
            written = os.write(fd, view[: 1 << 20])
        except BlockingIOError:
            continue
        except BrokenPipeError:
            raise ChannelClosed() from None
        view = view[written:]


def _read_exact(fd: int, size: int, deadline: float | None) -> bytearray:
    """Exactly `size` bytes, read in place into one buffer (no copy of what arrives)."""
    buffer = bytearray(size)
    view, got = memoryview(buffer), 0
    while got < size:
        _wait(fd, select.POLLIN, deadline)
        try:
            count = os.readv(fd, [view[got : got + (1 << 20)]])
        except BlockingIOError:
            continue
        if not count:
            raise ChannelClosed()
        got += count
    return buffer


def read_frame(
    fd: int, deadline: float | None = None, max_bytes: int = DEFAULT_MAX_MESSAGE_BYTES
) -> tuple[Any, list[memoryview]]:
    """Read one message; returns (body, blobs). Raises on close, timeout or bad data, and before
    reading a header over MAX_HEADER_BYTES or blobs over `max_bytes`."""
    header_len, payload_len = _PREFIX.unpack(_read_exact(fd, _PREFIX.size, deadline))
    if header_len > MAX_HEADER_BYTES:
        raise ProtocolError(f"message header of {header_len} bytes exceeds the {MAX_HEADER_BYTES}-byte limit")
    if payload_len > max_bytes:
        raise ProtocolError(f"message of {header_len + payload_len} bytes exceeds the {max_bytes}-byte limit")
    header = _read_exact(fd, header_len, deadline)
    return _split(header, _read_exact(fd, payload_len, deadline))


def unpack(frame: bytes) -> tuple[Any, list[memoryview]]:
    """Parse a whole frame held in memory (the inverse of `pack`)."""
    if len(frame) < _PREFIX.size:
        raise ProtocolError("truncated frame")
    header_len, payload_len = _PREFIX.unpack_from(frame)
    start = _PREFIX.size
    if len(frame) != start + header_len + payload_len:
        raise ProtocolError("truncated frame")
    return _split(frame[start : start + header_len], frame[start + header_len :])


def _split(header_bytes: bytes | bytearray, payload: bytes | bytearray) -> tuple[Any, list[memoryview]]:
    # every JSON value but a lone scalar needs a bracket, a brace or a comma: an upper bound, before parsing
    values = header_bytes.count(b"[") + header_bytes.count(b"{") + header_bytes.count(b",")
    if values > 2 * MAX_VALUES:
        raise ProtocolError(f"message holds more than {MAX_VALUES} values")
    header = loads(header_bytes)
    if not (isinstance(header, dict) and set(header) == {"body", "blobs"}):
        raise ProtocolError("bad message header")
    sizes = header["blobs"]
    if not (isinstance(sizes, list) and all(type(n) is int and n >= 0 for n in sizes)) or sum(sizes) != len(payload):
        raise ProtocolError("bad blob table")
    blobs, offset, view = [], 0, memoryview(payload)
    for size in sizes:
        blobs.append(view[offset : offset + size])  # views of the one payload buffer: no copies
        offset += size
    return header["body"], blobs
