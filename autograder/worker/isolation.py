"""Per-child isolation inside a zygote: own user, mount, IPC and PID namespaces, no caps.

Linux only, through libc via ctypes (Python 3.11 has no os.unshare). A forked child cannot
see, signal or trace the zygote or other children, and its System V IPC objects die with it.
Its /tmp is the zygote's sandbox /tmp, which the zygote empties after every child (a tmpfs
over /tmp would hide a course checkout that itself lives under /tmp).
"""

from __future__ import annotations

import ctypes
import os
import resource
import select
import signal

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWIPC = 0x00020000, 0x10000000, 0x20000000, 0x08000000
MS_REC, MS_PRIVATE, MS_NOSUID, MS_NODEV = 0x4000, 0x40000, 0x2, 0x4
PR_SET_PDEATHSIG, PR_CAPBSET_DROP = 1, 24
_LINUX_CAPABILITY_VERSION_3 = 0x20080522
_LAST_CAPABILITY = 63

_libc = ctypes.CDLL(None, use_errno=True)


class IsolationError(OSError):
    """The kernel refused to create namespaces for a child."""


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise IsolationError(errno, f"{what}: {os.strerror(errno)}")


def enter_namespaces() -> None:
    """New user, mount, IPC and PID namespaces (the next fork is PID 1 of the new one)."""
    uid, gid = os.getuid(), os.getgid()
    _check(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWPID), "unshare")
    with open("/proc/self/setgroups", "w") as handle:
        handle.write("deny")
    with open("/proc/self/uid_map", "w") as handle:
        handle.write(f"{uid} {uid} 1")
    with open("/proc/self/gid_map", "w") as handle:
        handle.write(f"{gid} {gid} 1")
    _check(_libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make mounts private")


def become_sandbox_init(parent_alive_fd: int) -> None:
    """In the namespace's PID 1: die with the parent, own /proc view, then drop every capability.

    `parent_alive_fd` is the read end of a pipe whose write end only the parent holds: if it
    is already at end-of-file, the parent died before the death signal was armed.
    """
    _check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "set parent-death signal")
    poller = select.poll()
    poller.register(parent_alive_fd, select.POLLIN)
    if poller.poll(0):
        os._exit(1)
    os.close(parent_alive_fd)
    _libc.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV, None)
    drop_capabilities()


def drop_capabilities() -> None:
    for capability in range(_LAST_CAPABILITY + 1):
        _libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)
    header = (ctypes.c_uint32 * 2)(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()
    _check(_libc.capset(header, data), "drop capabilities")


def apply_rlimits(cpu_seconds: int, file_size_mb: int, open_files: int, memory_mb: int | None) -> None:
    """Per-child limits; address space (not with CUDA: None) is what the zygote mapped plus `memory_mb`."""
    if memory_mb is not None:
        with open("/proc/self/statm") as handle:
            mapped = int(handle.read().split()[0]) * resource.getpagesize()
        address_space = mapped + (memory_mb << 20)
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_mb << 20, file_size_mb << 20))
    resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
