"""Writing a file atomically: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A scratch file beside `path` to write to: it replaces `path` when the block ends, and is
    removed if the block raises (an interrupted run leaves neither half a file nor the scratch).
    The scratch is this process's own, so two processes writing one file never mix their bytes."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        yield partial
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def write_text_atomically(path: Path, text: str) -> None:
    """`path.write_text(text)` in UTF-8, atomically, its folder created first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as partial:
        partial.write_text(text, encoding="utf-8")
