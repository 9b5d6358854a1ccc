"""How worker processes are started. The sandboxed backend plugs in behind the same interface."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])


class WorkerProcess(Protocol):
    """A started worker: two pipe ends to talk to it, and a way to stop it."""

    to_worker: int
    from_worker: int

    def kill(self) -> str:
        """Kill the worker and everything it started; say how it ended."""


class WorkerBackend(Protocol):
    def start(self, module_dir: Path, log_path: Path) -> WorkerProcess:
        """Start `python -m autograder.worker` serving the module in `module_dir`."""


def worker_environment() -> dict[str, str]:
    """A minimal environment: no inherited secrets, no GPU, quiet TensorFlow."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": "/tmp",
        "LANG": "C.UTF-8",
        "PYTHONPATH": PACKAGE_PARENT,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "MPLBACKEND": "Agg",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "CUDA_VISIBLE_DEVICES": "-1",
    }


def exit_text(code: int | None) -> str:
    if code is None:
        return "without an exit status"
    if code < 0:
        return f"killed by signal {-code}"
    return f"with exit code {code}"


@dataclass
class ProcessGroupWorker:
    """A worker running as its own process group, so a kill takes its children too."""

    popen: subprocess.Popen
    to_worker: int
    from_worker: int

    def kill(self) -> str:
        try:
            os.killpg(self.popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        code = self.popen.wait()
        for fd in (self.to_worker, self.from_worker):
            try:
                os.close(fd)
            except OSError:
                pass
        return exit_text(code)


def open_pipes() -> tuple[tuple[int, int], tuple[int, int]]:
    """(request read, request write), (reply read, reply write); our ends are non-blocking."""
    request, reply = os.pipe(), os.pipe()
    os.set_blocking(request[1], False)
    os.set_blocking(reply[0], False)
    return request, reply


def worker_command(python: str, module_dir: Path, fds: tuple[int, int]) -> list[str]:
    return [python, "-m", "autograder.worker", str(module_dir), str(fds[0]), str(fds[1])]


class SubprocessBackend:
    """Unsandboxed worker processes: isolation by process only (trusted mode)."""

    def __init__(self, python: str = sys.executable) -> None:
        self.python = python

    def start(self, module_dir: Path, log_path: Path) -> ProcessGroupWorker:
        (request_read, request_write), (reply_read, reply_write) = open_pipes()
        with open(log_path, "ab") as log:
            popen = subprocess.Popen(
                worker_command(self.python, module_dir, (request_read, reply_write)),
                pass_fds=(request_read, reply_write), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                cwd=module_dir, env=worker_environment(), start_new_session=True,
            )
        os.close(request_read)
        os.close(reply_write)
        return ProcessGroupWorker(popen, request_write, reply_read)
