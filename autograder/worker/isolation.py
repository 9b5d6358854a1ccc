"""Per-child isolation inside a zygote: own user, mount, IPC, network and PID namespaces, no caps.

Linux only, through libc via ctypes (Python 3.11 has no os.unshare). A forked child cannot
see, signal or trace the zygote or other children; its System V IPC objects and abstract
unix sockets die with it; it writes only to its own size-limited tmpfs on /tmp and /dev/shm,
which die with its mount namespace. What the sandbox bound under /tmp (a checkout or a
virtual environment that lives there) is bound back into the new /tmp read-only.
"""

from __future__ import annotations

import ctypes
import os
import resource
import select
import signal

from autograder.sandbox.resources import within_hard_limit

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWIPC, CLONE_NEWNET = 0x00020000, 0x10000000, 0x20000000, 0x08000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND = 0x1, 0x2, 0x4, 0x8, 0x20, 0x1000
MS_NOATIME, MS_NODIRATIME, MS_REC, MS_PRIVATE, MS_RELATIME = 0x400, 0x800, 0x4000, 0x40000, 0x200000
# statvfs f_flag bits -> the mount flags a read-only remount must repeat (the kernel keeps them locked)
_LOCKED_FLAGS = {os.ST_NOSUID: MS_NOSUID, os.ST_NODEV: MS_NODEV, os.ST_NOEXEC: MS_NOEXEC,
                 os.ST_NOATIME: MS_NOATIME, os.ST_NODIRATIME: MS_NODIRATIME, os.ST_RELATIME: MS_RELATIME}
SHM_SIZE_BYTES = 64 << 20
SCRATCH_INODES = 16384
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
    """New user, mount, IPC, network and PID namespaces (the next fork is PID 1 of the new one)."""
    uid, gid = os.getuid(), os.getgid()
    _check(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWPID), "unshare")
    with open("/proc/self/setgroups", "w") as handle:
        handle.write("deny")
    with open("/proc/self/uid_map", "w") as handle:
        handle.write(f"{uid} {uid} 1")
    with open("/proc/self/gid_map", "w") as handle:
        handle.write(f"{gid} {gid} 1")
    _check(_libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make mounts private")


def _mount(source: bytes | None, target: str, fstype: bytes | None, flags: int, data: bytes | None, what: str) -> None:
    _check(_libc.mount(source, target.encode(), fstype, flags, data), what)


def _tmpfs(target: str, size_bytes: int, mode: int) -> None:
    options = f"size={size_bytes},nr_inodes={SCRATCH_INODES},mode={mode:o}".encode()
    _mount(b"tmpfs", target, b"tmpfs", MS_NOSUID | MS_NODEV, options, f"mount a private tmpfs on {target}")


def private_scratch(tmp_bytes: int, keep: set[str]) -> None:
    """A fresh, empty tmpfs on /tmp (and /dev/shm) for this child alone.

    `keep` names top-level /tmp entries the sandbox bound in (a checkout under /tmp): they are
    bound back, read-only, so the interpreter and the package stay importable.
    """
    held = {name: os.open(os.path.join("/tmp", name), os.O_PATH | os.O_DIRECTORY) for name in sorted(keep)}
    _tmpfs("/tmp", tmp_bytes, 0o1777)
    for name, fd in held.items():
        target = os.path.join("/tmp", name)
        os.mkdir(target, 0o755)
        _mount(f"/proc/self/fd/{fd}".encode(), target, None, MS_BIND | MS_REC, None, f"bind {target} back")
        os.close(fd)
        locked = sum(flag for bit, flag in _LOCKED_FLAGS.items() if os.statvfs(target).f_flag & bit)
        _mount(None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | locked, None, f"make {target} read-only")
    if os.path.isdir("/dev/shm"):
        _tmpfs("/dev/shm", SHM_SIZE_BYTES, 0o1777)


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
        _set_limit(resource.RLIMIT_AS, mapped + (memory_mb << 20))
    _set_limit(resource.RLIMIT_CPU, cpu_seconds)
    _set_limit(resource.RLIMIT_FSIZE, file_size_mb << 20)
    _set_limit(resource.RLIMIT_NOFILE, open_files)
    _set_limit(resource.RLIMIT_CORE, 0)


def _set_limit(which: int, value: int) -> None:
    """Soft and hard limit `value`, capped to the hard limit already set (a non-root worker cannot raise it)."""
    value = within_hard_limit(which, value)
    resource.setrlimit(which, (value, value))
