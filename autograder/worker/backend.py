"""Worker backends: how a submission's worker process comes to exist.

`ColdBackend` starts a fresh interpreter per worker; `ZygoteBackend` (zygote_backend.py)
forks warm ones. Either runs plainly or sandboxed, depending on its launcher.
"""

from __future__ import annotations

import fcntl
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from autograder.worker.launch import Launched, Launcher, PlainLauncher, isolated_python


class BackendUnavailable(Exception):
    """A backend could not start a worker, for reasons that are not the submission's."""


class WorkerProcess(Protocol):
    """A started worker: two pipe ends to talk to it, and a way to stop it."""

    to_worker: int
    from_worker: int

    def kill(self) -> str:
        """Kill the worker and everything it started; say how it ended."""


class WorkerBackend(Protocol):
    def start(self, module_dir: Path, log_path: Path) -> WorkerProcess:
        """Start a worker serving the module `module_dir/submission.py`."""

    def close(self) -> None:
        """Release what the backend keeps between workers."""


PIPE_BYTES = 1 << 20  # a large array crosses in a few wakeups, not one per 64 KiB


def open_pipes() -> tuple[tuple[int, int], tuple[int, int]]:
    """(request read, request write), (reply read, reply write); our ends are non-blocking."""
    request, reply = os.pipe(), os.pipe()
    os.set_blocking(request[1], False)
    os.set_blocking(reply[0], False)
    for pipe in (request, reply):
        try:
            fcntl.fcntl(pipe[0], fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        except OSError:  # over the system's or the user's limit: the default size works, only slower
            pass
    return request, reply


def close_quietly(*fds: int) -> None:
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


def worker_command(python: str, module_dir: Path, fds: tuple[int, int]) -> list[str]:
    return [*isolated_python(python), "autograder.worker", str(module_dir), str(fds[0]), str(fds[1])]


@dataclass
class ColdWorker:
    launched: Launched
    to_worker: int
    from_worker: int

    def kill(self) -> str:
        text = self.launched.kill()
        close_quietly(self.to_worker, self.from_worker)
        return text


class ColdBackend:
    """A fresh interpreter per worker: it pays the TensorFlow import every time."""

    def __init__(self, launcher: Launcher | None = None, python: str = sys.executable) -> None:
        self.launcher, self.python = launcher or PlainLauncher(), python

    def start(self, module_dir: Path, log_path: Path) -> ColdWorker:
        (request_read, request_write), (reply_read, reply_write) = open_pipes()
        try:
            launched = self.launcher.launch(
                worker_command(self.python, module_dir, (request_read, reply_write)),
                [module_dir], module_dir, (request_read, reply_write), log_path,
            )
        finally:
            close_quietly(request_read, reply_write)
        return ColdWorker(launched, request_write, reply_read)

    def close(self) -> None:
        """Nothing is kept between cold workers."""
