"""Sandboxed workers: bubblewrap namespaces, an unprivileged uid, rlimits and cgroups."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from autograder.sandbox.bwrap import bwrap_args, drop_privileges
from autograder.sandbox.resources import ResourceLimits, WorkerCgroups
from autograder.worker.backend import ProcessGroupWorker, open_pipes, worker_command, worker_environment

_JOIN_CGROUPS = 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 97; shift; done; shift; exec "$@"'
_SIGNAL_REASONS = {
    signal.SIGXCPU: "it used up its CPU time",
    signal.SIGXFSZ: "it wrote more than the file size limit",
}


@dataclass
class SandboxedWorker(ProcessGroupWorker):
    cgroups: WorkerCgroups | None = None
    limits: ResourceLimits | None = None

    def kill(self) -> str:
        text = super().kill()
        if self.cgroups is not None:
            if self.cgroups.hit_memory_limit() and self.limits is not None:
                text += f" (it ran out of memory: the limit is {self.limits.memory_mb} MB)"
            self.cgroups.remove()
        code = self.popen.returncode
        if code is not None and code < 0 and -code in _SIGNAL_REASONS:
            text += f" ({_SIGNAL_REASONS[-code]})"
        return text


class SandboxBackend:
    """Starts each worker in a bubblewrap sandbox with resource limits."""

    def __init__(self, limits: ResourceLimits, python: str = sys.executable) -> None:
        self.limits, self.python = limits, python
        self.as_root = os.geteuid() == 0

    def command(self, module_dir: Path, fds: tuple[int, int], cgroups: WorkerCgroups) -> list[str]:
        """join cgroups -> prlimit -> bwrap -> (setpriv, as root) -> python -m autograder.worker."""
        procs = [str(path) for path in cgroups.procs_files]
        prefix = ["sh", "-c", _JOIN_CGROUPS, "join-cgroups", *procs, "--"] if procs else []
        limits = ["prlimit", *self.limits.prlimit_args(memory_by_rlimit=not cgroups.limits_memory), "--"]
        privileges = drop_privileges() if self.as_root else []
        return [*prefix, *limits, *bwrap_args(module_dir, self.as_root), *privileges, *worker_command(self.python, module_dir, fds)]

    def start(self, module_dir: Path, log_path: Path) -> SandboxedWorker:
        module_dir.chmod(0o755)
        for path in module_dir.iterdir():
            path.chmod(0o644)
        cgroups = WorkerCgroups.create(self.limits)
        (request_read, request_write), (reply_read, reply_write) = open_pipes()
        with open(log_path, "ab") as log:
            popen = subprocess.Popen(
                self.command(module_dir, (request_read, reply_write), cgroups),
                pass_fds=(request_read, reply_write), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                env=worker_environment(), start_new_session=True,
            )
        os.close(request_read)
        os.close(reply_write)
        return SandboxedWorker(popen, request_write, reply_read, cgroups, self.limits)


def sandbox_problem() -> str | None:
    """Why no sandbox can be set up here, or None when one can."""
    missing = [tool for tool in ("bwrap", "prlimit") + (("setpriv",) if os.geteuid() == 0 else ()) if not shutil.which(tool)]
    if missing:
        return f"{', '.join(missing)} not found (Debian/Ubuntu: apt-get install bubblewrap util-linux)"
    probe = Path(os.environ.get("TMPDIR", "/tmp"))
    as_root = os.geteuid() == 0
    command = [*bwrap_args(probe, as_root), *(drop_privileges() if as_root else []), sys.executable, "-c", "pass"]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=30, env=worker_environment())
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap could not start ({error})"
    if completed.returncode != 0:
        reason = (completed.stderr.strip().splitlines() or ["unknown error"])[-1]
        return f"bubblewrap failed: {reason} (are user namespaces enabled?)"
    return None
