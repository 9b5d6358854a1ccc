"""Sandboxed launches: cgroups -> prlimit -> bubblewrap -> (setpriv, as root) -> the program."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from autograder.gpu import assigned_gpu
from autograder.sandbox.bwrap import bwrap_args, drop_privileges
from autograder.sandbox.remedy import remedy
from autograder.sandbox.resources import ResourceLimits, WorkerCgroups
from autograder.worker.launch import Launched, exit_text, out_of_memory, worker_environment

_JOIN_CGROUPS = 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 97; shift; done; shift; exec "$@"'
_SIGNAL_REASONS = {
    signal.SIGXCPU: "it used up its CPU time",
    signal.SIGXFSZ: "it wrote more than the file size limit",
}


def _describe_exit(cgroups: WorkerCgroups, limits: ResourceLimits):
    def describe(code: int | None) -> str:
        text = exit_text(code)
        if cgroups.oom_kills():
            text += f" ({out_of_memory(limits.memory_mb)})"
        elif code is not None and code < 0 and -code in _SIGNAL_REASONS:
            text += f" ({_SIGNAL_REASONS[-code]})"
        cgroups.remove()
        return text

    return describe


class SandboxLauncher:
    """Starts programs in a bubblewrap sandbox with resource limits."""

    def __init__(self, limits: ResourceLimits, zygote: bool = False) -> None:
        """`zygote`: the program forks the workers, which may make namespaces of their own and set
        their own address-space limit (the zygote gets none: the children's would exceed it)."""
        self.limits, self.zygote = limits, zygote
        self.as_root = os.geteuid() == 0

    def command(self, command: list[str], binds: list[Path], cwd: Path, cgroups: WorkerCgroups) -> list[str]:
        procs = [str(path) for path in cgroups.procs_files]
        prefix = ["sh", "-c", _JOIN_CGROUPS, "join-cgroups", *procs, "--"] if procs else []
        address_space = not cgroups.limits_memory and assigned_gpu() is None and not self.zygote
        limits = ["prlimit", *self.limits.prlimit_args(address_space), "--"]
        privileges = drop_privileges() if self.as_root else []
        sandbox = bwrap_args(binds, cwd, self.as_root, nested_namespaces=self.zygote)
        return [*prefix, *limits, *sandbox, *privileges, *command]

    def launch(self, command: list[str], binds: list[Path], cwd: Path, pass_fds: tuple[int, ...], log_path: Path) -> Launched:
        for directory in binds:
            directory.chmod(0o755)
            for path in directory.iterdir():
                path.chmod(0o644)
        cgroups = WorkerCgroups.create(self.limits)
        with open(log_path, "ab") as log:
            popen = subprocess.Popen(
                self.command(command, binds, cwd, cgroups), pass_fds=pass_fds,
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                env=worker_environment(), start_new_session=True,
            )
        return Launched(popen, _describe_exit(cgroups, self.limits), cgroups.oom_kills, self.limits.memory_mb)


def sandbox_problem() -> str | None:
    """Why no sandbox can be set up here, or None when one can."""
    as_root = os.geteuid() == 0
    missing = [tool for tool in ("bwrap", "prlimit") + (("setpriv",) if as_root else ()) if not shutil.which(tool)]
    if missing:
        return f"{', '.join(missing)} not found (Debian/Ubuntu: apt-get install bubblewrap util-linux)"
    tmp = Path("/tmp")
    command = [*bwrap_args([], tmp, as_root), *(drop_privileges() if as_root else []), sys.executable, "-c", "pass"]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=30, env=worker_environment())
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap could not start ({error})"
    if completed.returncode != 0:
        reason = (completed.stderr.strip().splitlines() or ["unknown error"])[-1][:300]
        return f"bubblewrap failed: {reason}; {remedy(reason, as_root)}"
    return None
