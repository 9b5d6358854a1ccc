"""`@reference` results kept on disk per lab version, so that a new grading process reads what an
earlier one computed (a numpy simulation, a trained reference model's weights) instead of
computing it again.

A result is stored when it took at least WORTH_STORING_S to compute and comes back from disk
as the very same plain value (types, dtypes, shapes and bits). Its file is named by the lab's
tests (`tests_digest`), the libraries it may depend on, the function and its arguments, so a
changed test or library never reads an old result. The store is the grader's own: sandboxed
workers cannot see it (their home is an empty tmpfs, their /tmp private, the rest read-only).
Nothing is pickled: files are the protocol's plain-data frames.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import sys
from pathlib import Path
from typing import Any, Callable

import numpy as np

from autograder.atomic_write import replacing
from autograder.cache import cache_root
from autograder.lab import tests_digest
from autograder.protocol.codec import Decoder, Encoder, ProtocolError
from autograder.protocol.framing import pack, unpack

FORMAT = 1
WORTH_STORING_S = 0.05  # cheaper references are computed again rather than read
LIBRARIES = ("numpy", "scipy", "tensorflow", "keras")  # what a reference's value may depend on


def stored_path(function: Callable[..., Any], arguments_key: str) -> Path | None:
    """Where `function`'s result for these arguments is kept; None for a function that is not
    part of a lab's tests (`labs/<lab>/tests/...`, next to `lab.toml`)."""
    source = Path(function.__code__.co_filename).resolve()
    lab = next((folder.parent for folder in source.parents if folder.name == "tests"), None)
    if lab is None or not (lab / "lab.toml").is_file():
        return None
    name = f"{source.relative_to(lab).as_posix()}\0{function.__qualname__}\0{arguments_key}"
    return lab_folder(lab) / f"{_sha256(name)[:40]}.frame"


def lab_folder(lab: Path) -> Path:
    """Where the references of this version of the lab at `lab` (its folder) are kept."""
    return cache_root() / "references" / f"{lab.name}-{_lab_version(lab)[:24]}"


def _lab_version(lab: Path) -> str:
    """The lab's tests (read again on each call: a process may grade a lab whose tests changed),
    the Python and library versions: what a stored result was computed with."""
    return _sha256("\0".join([str(FORMAT), tests_digest(lab), _environment()]))


@functools.cache
def _environment() -> str:
    return "\0".join([sys.version, *(f"{name} {_version(name)}" for name in LIBRARIES)])


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def read(path: Path) -> tuple[bool, Any]:
    """(True, the stored value), or (False, None) when there is none or it does not read back
    as what was stored (its digest)."""
    try:
        body, blobs = unpack(path.read_bytes())
        if not (isinstance(body, dict) and set(body) == {"value", "digest"}):
            return False, None
        value = Decoder(blobs).decode(body["value"])
        return (True, value) if _digest(value) == body["digest"] else (False, None)
    except (OSError, ProtocolError, ValueError, TypeError):
        return False, None


def store(path: Path, value: Any) -> None:
    """Keep `value` at `path` if it is plain data that reads back as itself; an unwritable cache
    keeps nothing (the next process computes it again)."""
    encoder = Encoder()
    try:
        digest = _digest(value)
        frame = pack({"value": encoder.encode(value), "digest": digest}, encoder.blobs)
        body, blobs = unpack(frame)
        if _digest(Decoder(blobs).decode(body["value"])) != digest:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(path) as partial:  # a reader sees the whole file or none; two writers never mix
            partial.write_bytes(frame)
    except (OSError, TypeError, ProtocolError):
        return


def _digest(value: Any) -> str:
    return _sha256(plain_fingerprint(value))


def plain_fingerprint(value: Any) -> str:
    """A text that two plain values share only if they are equal values of the same types
    (arrays: dtype, shape and bytes). TypeError for anything else."""
    if isinstance(value, np.ndarray):
        data = hashlib.sha256(np.ascontiguousarray(value).tobytes()).hexdigest()
        return f"ndarray({value.dtype.str},{value.shape},{data})"
    if isinstance(value, (tuple, list)):
        return f"{type(value).__name__}({','.join(plain_fingerprint(item) for item in value)})"
    if isinstance(value, dict):
        return f"dict({','.join(plain_fingerprint(key) + ':' + plain_fingerprint(item) for key, item in value.items())})"
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes, np.generic)):
        return f"{type(value).__name__}({value!r})"
    raise TypeError(f"reference() keeps results of plain values only, not of a {type(value).__name__}")
