"""Pick the worker backend for a run: sandboxed and warm by default, with clear fallbacks."""

from __future__ import annotations

import functools
import sys
from typing import Callable

from autograder.errors import UserError
from autograder.lab import Lab
from autograder.sandbox.backend import SandboxLauncher, sandbox_problem
from autograder.sandbox.resources import ResourceLimits
from autograder.worker.backend import ColdBackend, WorkerBackend
from autograder.worker.launch import Launcher, PlainLauncher
from autograder.worker.zygote_backend import ZygoteBackend, ZygoteSettings, ZygoteUnavailable

NO_SANDBOX_HINT = "or pass --no-sandbox to run student code unsandboxed (trusted mode)"
ZYGOTE_MEMORY_MB = 1024  # the zygote's own TensorFlow import, on top of the worker's budget


def unsandboxable(problem: str, where: str = "on this machine") -> str:
    """The one line that refuses to grade unsandboxed: why, and the trusted-mode way out."""
    return f"cannot sandbox student code {where}: {problem}; {NO_SANDBOX_HINT}"


@functools.cache
def _cached_problem() -> str | None:
    return sandbox_problem()


def _launcher(lab: Lab, sandbox: bool, for_zygote: bool) -> Launcher:
    if not sandbox:
        return PlainLauncher()
    problem = _cached_problem()
    if problem:
        raise UserError(unsandboxable(problem))
    memory = int(lab.limits.memory_mb) + (ZYGOTE_MEMORY_MB if for_zygote else 0)
    limits = ResourceLimits(memory_mb=memory, cpu_seconds=int(lab.limits.submission_timeout_s) + 30)
    return SandboxLauncher(limits, zygote=for_zygote)


def choose_backend(lab: Lab, sandbox: bool = True, warm: bool = True, meanwhile: Callable[[], None] | None = None) -> WorkerBackend:
    """Warm (forked from a zygote) unless that cannot work here, then cold with one log line.
    `meanwhile` runs while the zygote starts (a grading process imports TensorFlow alongside it)."""
    if warm:
        settings = ZygoteSettings(
            isolate=sandbox, memory_mb=int(lab.limits.memory_mb), cpu_seconds=int(lab.limits.submission_timeout_s) + 30
        )
        backend = ZygoteBackend(_launcher(lab, sandbox, for_zygote=True), settings)
        try:
            backend.warm_up(meanwhile)
            return backend
        except ZygoteUnavailable as error:
            print(f"warm workers unavailable ({error}); using cold workers, one interpreter per submission", file=sys.stderr)
    return ColdBackend(_launcher(lab, sandbox, for_zygote=False))
