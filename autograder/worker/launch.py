"""How a trusted-side process (a worker or a zygote) is started: plainly, or inside the sandbox."""

from __future__ import annotations

import os
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from autograder.gpu import assigned_gpu, device_environment

START_SCRIPT = str(Path(__file__).resolve().with_name("start.py"))
PASSED_THROUGH = ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "OMP_NUM_THREADS")


def worker_environment() -> dict[str, str]:
    """A minimal environment: no inherited secrets, no PYTHON* variables, the assigned GPU or
    none, quiet TensorFlow, this slot's share of the CPU threads."""
    return {
        **{name: os.environ[name] for name in PASSED_THROUGH if name in os.environ},
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": "/tmp",
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        **device_environment(assigned_gpu()),
    }


def isolated_python(python: str) -> list[str]:
    """The command prefix that runs an autograder module (the next argument) in an isolated
    interpreter: no cwd, script folder, /tmp or user site on sys.path, no PYTHON* variables
    (-I), no bytecode written (-B)."""
    return [python, "-I", "-B", START_SCRIPT]


def exit_text(code: int | None) -> str:
    if code is None:
        return "without an exit status"
    if code < 0:
        return f"killed by signal {-code}"
    return f"with exit code {code}"


def out_of_memory(memory_mb: int | None) -> str:
    return f"it ran out of memory: the limit is {memory_mb} MB"


@dataclass
class Launched:
    """A started process group, and how to describe its end (limits hit) and clean up after it."""

    popen: subprocess.Popen
    on_exit: Callable[[int | None], str] = field(default=exit_text)
    oom_kills: Callable[[], int] = field(default=lambda: 0)
    memory_mb: int | None = None

    def kill(self) -> str:
        try:
            os.killpg(self.popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        return self.on_exit(self.popen.wait())


class Launcher(Protocol):
    def launch(self, command: list[str], binds: list[Path], cwd: Path, pass_fds: tuple[int, ...], log_path: Path) -> Launched:
        """Start `command` (a Python program) in its own process group; `binds` are the extra
        directories it must read (only the sandbox needs to be told)."""


class PlainLauncher:
    """Trusted mode: an ordinary child process with a clean environment."""

    def launch(self, command: list[str], binds: list[Path], cwd: Path, pass_fds: tuple[int, ...], log_path: Path) -> Launched:
        with open(log_path, "ab") as log:
            popen = subprocess.Popen(
                command, pass_fds=pass_fds, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                cwd=cwd, env=worker_environment(), start_new_session=True,
            )
        return Launched(popen)
