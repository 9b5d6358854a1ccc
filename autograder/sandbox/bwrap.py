"""The bubblewrap command line that gives a worker its own, mostly empty, view of the machine."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

from autograder.gpu import assigned_gpu, device_nodes

PACKAGE_DIR = Path(__file__).resolve().parents[1]
SANDBOX_UID = int(os.environ.get("AUTOGRADER_SANDBOX_UID", "65534"))
_SYSTEM_DIRS = ("/bin", "/lib", "/lib64", "/sbin")
_ETC_FILES = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/passwd", "/etc/group", "/etc/localtime")
TMP_SIZE_BYTES = 256 << 20
TMPFS_SIZE_SINCE = (0, 7)  # bubblewrap's --size (Ubuntu 22.04, Gradescope's base, has 0.6.1)


@functools.cache
def bwrap_version() -> tuple[int, ...]:
    """bubblewrap's version, e.g. (0, 8, 0); (0,) where it cannot tell."""
    try:
        printed = subprocess.run(["bwrap", "--version"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return (0,)
    match = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", printed)
    return tuple(int(part) for part in match.groups() if part is not None) if match else (0,)


def _python_paths() -> list[str]:
    """The interpreter install and the virtual environment, but never the course folder."""
    roots = {Path(sys.base_prefix).resolve(), Path(sys.prefix)}
    return sorted(str(root) for root in roots if root.is_dir())


def _system_view() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for path in _SYSTEM_DIRS:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for path in _ETC_FILES:
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    return args


def _read_only_bind(path: str) -> list[str]:
    """Bind `path` read-only, creating its parents world-traversable (bwrap's default is 0700)."""
    args: list[str] = []
    for parent in reversed(Path(path).parents[:-1]):
        args += ["--perms", "0755", "--dir", str(parent)]
    return args + ["--ro-bind", path, path]


def bwrap_args(binds: list[Path], cwd: Path, as_root: bool, nested_namespaces: bool = False) -> list[str]:
    """bwrap options: new namespaces (no network), read-only system, Python and `binds`, private /tmp.

    As root, the namespaces are made with root's privileges and the worker then becomes an
    unprivileged uid via setpriv (see `drop_privileges`); otherwise a user namespace is used.
    `nested_namespaces` lets a zygote give each forked child namespaces of its own.
    """
    namespaces = ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    if not as_root:
        namespaces += ["--unshare-user"] + ([] if nested_namespaces else ["--disable-userns"])
    view = _system_view() + ["--proc", "/proc", "--dev", "/dev"]
    for node in device_nodes(assigned_gpu()):
        view += ["--dev-bind", str(node), str(node)]
    sized = ["--size", str(TMP_SIZE_BYTES)] if bwrap_version() >= TMPFS_SIZE_SINCE else []  # else: the memory limit bounds it
    view += ["--perms", "1777", *sized, "--tmpfs", "/tmp"]
    if as_root:
        view += ["--perms", "0755", "--tmpfs", "/root"]
    for path in [*_python_paths(), str(PACKAGE_DIR), *map(str, binds)]:
        view += _read_only_bind(path)
    return ["bwrap", "--die-with-parent", *namespaces, *view, "--chdir", str(cwd), "--"]


def drop_privileges() -> list[str]:
    """setpriv: become SANDBOX_UID with no capabilities and no_new_privs (used as root)."""
    return [
        "setpriv", f"--reuid={SANDBOX_UID}", f"--regid={SANDBOX_UID}", "--clear-groups",
        "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs",
    ]
