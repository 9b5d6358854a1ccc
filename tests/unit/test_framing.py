"""Length-prefixed frames: packing, reading from pipes, limits, deadlines and closes."""

from __future__ import annotations

import os
import struct
import threading
import time

import pytest

from autograder.protocol.codec import ProtocolError
from autograder.protocol.framing import (
    ChannelClosed, ChannelTimeout, pack, read_frame, unpack, write_frame,
)


@pytest.fixture
def pipe():
    read_fd, write_fd = os.pipe()
    fds = {"r": read_fd, "w": write_fd}
    yield fds
    for fd in fds.values():
        try:
            os.close(fd)
        except OSError:
            pass


def soon(seconds=0.2):
    return time.monotonic() + seconds


@pytest.mark.parametrize(
    "body, blobs",
    [
        (None, []),
        ({"op": "call", "args": [1, "two"]}, []),
        ([1, 2, 3], [b"abc", b"", b"\x00" * 10]),
        ("text", [bytes(range(256))]),
    ],
)
def test_pack_unpack_round_trip(body, blobs):
    assert unpack(pack(body, blobs)) == (body, blobs)


def test_frame_layout_is_header_then_blobs():
    frame = pack({"k": 1}, [b"xy", b"z"])
    header_len, payload_len = struct.unpack_from("<QQ", frame)
    assert payload_len == 3
    assert frame.endswith(b"xyz")
    assert len(frame) == 16 + header_len + payload_len


def test_read_frame_over_a_pipe(pipe):
    write_frame(pipe["w"], pack({"hello": [1, 2]}, [b"blob-one", b"two"]), deadline=soon())
    assert read_frame(pipe["r"], deadline=soon()) == ({"hello": [1, 2]}, [b"blob-one", b"two"])


def test_read_frame_without_deadline(pipe):
    write_frame(pipe["w"], pack("x", []))
    assert read_frame(pipe["r"]) == ("x", [])


def test_several_frames_in_a_row(pipe):
    for index in range(3):
        write_frame(pipe["w"], pack(index, [bytes([index])]))
    assert [read_frame(pipe["r"], deadline=soon()) for _ in range(3)] == [(i, [bytes([i])]) for i in range(3)]


def test_large_frame_through_a_pipe_with_a_concurrent_reader(pipe):
    blob = os.urandom(3 * (1 << 20) + 17)  # bigger than the pipe buffer and the 1 MiB chunk
    writer = threading.Thread(target=write_frame, args=(pipe["w"], pack("big", [blob])))
    writer.start()
    try:
        body, blobs = read_frame(pipe["r"], deadline=soon(10))
    finally:
        writer.join(10)
    assert body == "big" and blobs == [blob]


def test_max_bytes_refusal(pipe):
    write_frame(pipe["w"], pack("x" * 100, [b"y" * 100]))
    with pytest.raises(ProtocolError, match="limit"):
        read_frame(pipe["r"], deadline=soon(), max_bytes=50)


def test_max_bytes_refused_from_the_prefix_alone(pipe):
    # Only the prefix is sent: the limit check must not wait for a body that never comes.
    os.write(pipe["w"], struct.pack("<QQ", 10, 1 << 40))
    with pytest.raises(ProtocolError):
        read_frame(pipe["r"], deadline=soon(), max_bytes=1 << 20)


def test_timeout_when_nothing_arrives(pipe):
    started = time.monotonic()
    with pytest.raises(ChannelTimeout):
        read_frame(pipe["r"], deadline=soon(0.2))
    assert time.monotonic() - started < 2


def test_timeout_when_frame_stops_midway(pipe):
    frame = pack({"k": "v" * 50}, [b"blob"])
    os.write(pipe["w"], frame[:-3])
    with pytest.raises(ChannelTimeout):
        read_frame(pipe["r"], deadline=soon(0.2))


def test_expired_deadline_raises_immediately(pipe):
    write_frame(pipe["w"], pack(1, []))
    with pytest.raises(ChannelTimeout):
        read_frame(pipe["r"], deadline=time.monotonic() - 1)


def test_closed_when_writer_closes(pipe):
    os.close(pipe["w"])
    with pytest.raises(ChannelClosed):
        read_frame(pipe["r"], deadline=soon())


def test_closed_when_writer_closes_midway(pipe):
    os.write(pipe["w"], pack("abcdef", [b"123"])[:20])
    os.close(pipe["w"])
    with pytest.raises(ChannelClosed):
        read_frame(pipe["r"], deadline=soon())


def test_write_to_closed_reader_raises_channel_closed(pipe):
    os.close(pipe["r"])
    with pytest.raises(ChannelClosed):
        write_frame(pipe["w"], pack("x", []), deadline=soon())


def test_truncated_frame_in_unpack():
    frame = pack({"a": 1}, [b"blob"])
    with pytest.raises(ProtocolError, match="truncated"):
        unpack(frame[:-1])


def test_frame_with_trailing_bytes_in_unpack():
    with pytest.raises(ProtocolError):
        unpack(pack(1, []) + b"extra")


def test_frame_truncated_inside_the_prefix():
    with pytest.raises(ProtocolError):
        unpack(pack(1, [])[:5])


def raw_frame(header: bytes, payload: bytes = b"") -> bytes:
    return struct.pack("<QQ", len(header), len(payload)) + header + payload


@pytest.mark.parametrize(
    "header, payload",
    [
        (b'{"body": 1}', b""),
        (b'{"body": 1, "blobs": [], "x": 2}', b""),
        (b"[1, 2]", b""),
        (b'{"body": 1, "blobs": [3]}', b"ab"),
        (b'{"body": 1, "blobs": [-1]}', b""),
        (b'{"body": 1, "blobs": "3"}', b"abc"),
        (b'{"body": 1, "blobs": [1.0]}', b"a"),
        (b'{"body": NaN, "blobs": []}', b""),
        (b"not json", b""),
    ],
)
def test_bad_headers_are_protocol_errors(header, payload):
    with pytest.raises(ProtocolError):
        unpack(raw_frame(header, payload))


def test_bad_header_over_a_pipe(pipe):
    os.write(pipe["w"], raw_frame(b'{"body": 1, "blobs": [5]}', b"abc"))
    with pytest.raises(ProtocolError):
        read_frame(pipe["r"], deadline=soon())


def test_worker_pipes_hold_a_mebibyte_where_the_system_allows():
    """A 1.2 MB array crosses in one or two wakeups, not twenty (the default pipe holds 64 KiB)."""
    import fcntl

    from autograder.worker.backend import PIPE_BYTES, close_quietly, open_pipes

    request, reply = open_pipes()
    try:
        allowed = int(open("/proc/sys/fs/pipe-max-size").read())
        for pipe in (request, reply):
            assert fcntl.fcntl(pipe[0], fcntl.F_GETPIPE_SZ) == (PIPE_BYTES if PIPE_BYTES <= allowed else 65536)
    finally:
        close_quietly(*request, *reply)
