"""Pick the worker backend for a run: the sandbox by default, trusted mode only when asked."""

from __future__ import annotations

import functools

from autograder.errors import UserError
from autograder.lab import Lab
from autograder.sandbox.backend import SandboxBackend, sandbox_problem
from autograder.sandbox.resources import ResourceLimits
from autograder.worker.backend import SubprocessBackend, WorkerBackend

NO_SANDBOX_HINT = "or pass --no-sandbox to run student code unsandboxed (trusted mode)"


@functools.cache
def _cached_problem() -> str | None:
    return sandbox_problem()


def choose_backend(lab: Lab, sandbox: bool = True) -> WorkerBackend:
    """A sandboxed backend sized by the lab's limits; refuses if no sandbox can be made."""
    if not sandbox:
        return SubprocessBackend()
    problem = _cached_problem()
    if problem:
        raise UserError(f"cannot sandbox student code on this machine: {problem}; {NO_SANDBOX_HINT}")
    return SandboxBackend(ResourceLimits(memory_mb=int(lab.limits.memory_mb), cpu_seconds=int(lab.limits.submission_timeout_s) + 30))
