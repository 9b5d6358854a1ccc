"""What to change when bubblewrap cannot start: one clause naming the setting or container flag.

Worked out with Podman 4.3 on a Debian bookworm host (docs/containers.md): as a non-root user the
sandbox needs no capability, only a /proc it may mount afresh; as root it needs SYS_ADMIN and
NET_ADMIN. Docker's default seccomp profile also forbids the user namespace a non-root user needs.
"""

from __future__ import annotations

import os
from pathlib import Path

_PROC_MASKED = "add --security-opt systempaths=unconfined (Docker) or --security-opt unmask=/proc/* (Podman): the engine masks parts of /proc, so bubblewrap cannot mount a fresh one"
_ROOT_CAPABILITIES = "run the image as its own non-root user (no --user 0), or add --cap-add SYS_ADMIN --cap-add NET_ADMIN"


def in_container() -> bool:
    """Inside a Docker or Podman container (their marker files, or systemd's `container` variable)?"""
    return Path("/.dockerenv").exists() or Path("/run/.containerenv").exists() or bool(os.environ.get("container"))


def _read(path: str) -> str:
    try:
        return Path(path).read_text().strip()
    except OSError:
        return ""


def _seccomp_filtered() -> bool:
    return any(line.split() == ["Seccomp:", "2"] for line in _read("/proc/self/status").splitlines())


def _user_namespaces_blocked() -> str:
    if _read("/proc/sys/user/max_user_namespaces") == "0":
        return "the kernel allows no user namespaces: on the host, sysctl -w user.max_user_namespaces=15000"
    if _read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == "1":
        return "AppArmor forbids unprivileged user namespaces: add --security-opt apparmor=unconfined (or allow bwrap in an AppArmor profile on the host)"
    if in_container() and _seccomp_filtered():
        return "the container's seccomp profile forbids user namespaces: add --security-opt seccomp=unconfined"
    return "user namespaces are not available to this user (are they enabled?)"


def remedy(bwrap_error: str, as_root: bool) -> str:
    """How to let the sandbox start, from bubblewrap's last error line."""
    if "mount proc" in bwrap_error:
        return _PROC_MASKED if in_container() else "bubblewrap cannot mount /proc here (a masked /proc?)"
    if "RTM_NEWADDR" in bwrap_error or "loopback" in bwrap_error:
        return _ROOT_CAPABILITIES if in_container() else "bubblewrap cannot set up a network namespace (root without CAP_NET_ADMIN?)"
    if "Unknown option" in bwrap_error:
        return "this bubblewrap is too old for the grader's sandbox: install bubblewrap 0.8 or newer (Debian 12, Ubuntu 24.04), or grade as root"
    if "Unexpected capabilities" in bwrap_error:
        return "drop the --cap-add options: bubblewrap refuses extra capabilities when run by a non-root user"
    if "namespace" in bwrap_error or "Operation not permitted" in bwrap_error or "uid map" in bwrap_error:
        if as_root:
            return _ROOT_CAPABILITIES if in_container() else "root without CAP_SYS_ADMIN cannot create namespaces"
        return _user_namespaces_blocked()
    return "are user namespaces enabled?"
