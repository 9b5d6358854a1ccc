"""Resource limits for one worker: rlimits through prlimit, memory and process count through cgroups."""

from __future__ import annotations

import os
import resource
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

_CGROUP_V1 = Path("/sys/fs/cgroup")
NPROC_BACKSTOP_FACTOR = 16


@dataclass(frozen=True)
class ResourceLimits:
    memory_mb: int = 4096
    cpu_seconds: int = 600
    processes: int = 512  # threads count too: TensorFlow starts ~32 per process
    file_size_mb: int = 64
    open_files: int = 256

    def prlimit_args(self, address_space: bool) -> list[str]:
        """`prlimit` options; `address_space` limits memory where no cgroup does (never with
        CUDA, which reserves far more address space than it uses).

        RLIMIT_NPROC counts every thread of the sandbox uid on the whole machine, which
        parallel workers share: it is only a machine-wide backstop. Each sandbox's own process
        limit is its pids cgroup.
        """
        wanted = {
            "cpu": (resource.RLIMIT_CPU, self.cpu_seconds),
            "nproc": (resource.RLIMIT_NPROC, self.processes * NPROC_BACKSTOP_FACTOR),
            "fsize": (resource.RLIMIT_FSIZE, self.file_size_mb << 20),
            "nofile": (resource.RLIMIT_NOFILE, self.open_files),
        }
        if address_space:
            wanted["as"] = (resource.RLIMIT_AS, self.memory_mb << 20)
        return [f"--{name}={within_hard_limit(which, value)}" for name, (which, value) in wanted.items()] + ["--core=0"]


def within_hard_limit(which: int, value: int) -> int:
    """`value`, or the hard limit this process already has where that is lower (a container's
    own limits: an unprivileged grader may lower a limit, never raise it)."""
    hard = resource.getrlimit(which)[1]
    return value if hard == resource.RLIM_INFINITY else min(value, hard)


def _own_cgroup(controller: str) -> Path | None:
    """This process's cgroup (v1) directory for `controller`, if that hierarchy is mounted."""
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            if controller in controllers.split(","):
                directory = _CGROUP_V1 / controller / path.lstrip("/")
                return directory if directory.is_dir() else None
    except (OSError, ValueError):
        return None
    return None


def _make_child(controller: str, settings: dict[str, int]) -> Path | None:
    parent = _own_cgroup(controller)
    if parent is None or not os.access(parent, os.W_OK):
        return None
    path = parent / f"autograder-{uuid.uuid4().hex[:12]}"
    try:
        path.mkdir()
        for name, value in settings.items():
            if (path / name).exists():
                (path / name).write_text(str(value))
    except OSError:
        _remove(path)
        return None
    return path


def _remove(path: Path) -> None:
    """Remove a cgroup once its killed processes are gone (they take a moment to exit)."""
    deadline = time.monotonic() + 3.0
    while True:
        try:
            path.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            if time.monotonic() > deadline:
                return
            time.sleep(0.02)


class WorkerCgroups:
    """One worker's memory and pids cgroups (v1), where this machine lets us create them."""

    def __init__(self, paths: dict[str, Path]) -> None:
        self.paths = paths

    @classmethod
    def create(cls, limits: ResourceLimits) -> "WorkerCgroups":
        bytes_ = limits.memory_mb << 20
        wanted = {
            "memory": {"memory.limit_in_bytes": bytes_, "memory.memsw.limit_in_bytes": bytes_},
            "pids": {"pids.max": limits.processes},
        }
        made = {name: path for name, settings in wanted.items() if (path := _make_child(name, settings))}
        return cls(made)

    @property
    def limits_memory(self) -> bool:
        return "memory" in self.paths

    @property
    def procs_files(self) -> list[Path]:
        return [path / "cgroup.procs" for path in self.paths.values()]

    def oom_kills(self) -> int:
        """How many processes the kernel's OOM killer has killed in this memory cgroup."""
        try:
            fields = (self.paths["memory"] / "memory.oom_control").read_text().split()
            return int(dict(zip(fields[::2], fields[1::2])).get("oom_kill", "0"))
        except (KeyError, OSError, ValueError):
            return 0

    def remove(self) -> None:
        for path in self.paths.values():
            _remove(path)
