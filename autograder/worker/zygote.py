"""The zygote: import the heavy libraries once, then fork a fresh worker for each submission.

Usage (started by ZygoteBackend, never by hand): python -m autograder.worker.zygote SOCKET_FD SETTINGS_JSON

It never runs a TensorFlow op (a parent that has run one hangs its forked children), holds no
tests or answers, and never touches a GPU. Control messages arrive on a Unix socket with the
child's pipe ends attached; each child reads its module source from its request pipe.
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import socket
import sys
import tempfile
import time

from autograder.protocol.framing import read_frame
from autograder.worker.__main__ import serve
from autograder.worker.launch import exit_text
from autograder.worker.isolation import IsolationError, apply_rlimits, become_sandbox_init, enter_namespaces, private_scratch

PRELOAD = ("numpy", "tensorflow", "keras", "matplotlib.pyplot")
STOP_GRACE_S = 1.0


def ops_have_run() -> bool:
    """True once TensorFlow's eager context exists (after the first op): forking is then unsafe."""
    context = sys.modules.get("tensorflow.python.eager.context")
    return context is not None and context.context()._context_handle is not None


def _isolate(settings: dict) -> None:
    """Own namespaces and an empty private /tmp and /dev/shm (the course entries bound back read-only)."""
    enter_namespaces()
    private_scratch(settings["tmp_mb"] << 20, _protected_tmp_entries())


def _isolation_works(settings: dict) -> bool:
    """Try the per-child isolation once, in a throwaway child."""
    pid = os.fork()
    if pid == 0:
        try:
            _isolate(settings)
            os._exit(0)
        except (IsolationError, OSError):
            os._exit(1)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


def _exit_like(status: int) -> None:
    """End as the namespace's init ended: by the same signal, or with the same exit code."""
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        if -code != signal.SIGKILL:  # SIGKILL has no handler to reset (signal.signal refuses it)
            signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    os._exit(code if code >= 0 else 128 - code)


def _child(fds: list[int], settings: dict) -> None:
    """In the forked child: isolate, load the submission sent on the pipe, serve it."""
    os.setsid()  # kill(0, ...) in student code reaches only its own process group
    request_fd, reply_fd, log_fd = fds
    os.dup2(log_fd, 1)
    os.dup2(log_fd, 2)
    os.close(log_fd)
    if settings["isolate"]:
        _isolate(settings)
        alive_read, alive_write = os.pipe()
        pid = os.fork()
        if pid:
            os.close(alive_read)
            # SIGTERM from the zygote kills the namespace's init even if it cleared its death signal
            signal.signal(signal.SIGTERM, lambda *_: os.kill(pid, signal.SIGKILL))
            _exit_like(os.waitpid(pid, 0)[1])
        os.close(alive_write)
        become_sandbox_init(alive_read)
    uses_gpu = os.environ.get("CUDA_VISIBLE_DEVICES", "-1") != "-1"
    apply_rlimits(settings["cpu_seconds"], settings["file_size_mb"], settings["open_files"], None if uses_gpu else settings["memory_mb"])
    body, _ = read_frame(request_fd)  # a worker is forked ahead: it waits here for its submission
    module_dir = tempfile.mkdtemp(prefix="submission-", dir="/tmp")
    with open(os.path.join(module_dir, "submission.py"), "w") as handle:
        handle.write(body["module"] if isinstance(body, dict) and isinstance(body.get("module"), str) else "")
    os.chdir(module_dir)
    os._exit(serve(module_dir, request_fd, reply_fd))


def _stop_child(pid: int) -> int:
    """SIGTERM (the child then kills its namespace), SIGKILL if it lingers; the wait status."""
    try:
        os.kill(pid, signal.SIGTERM)  # an exited child is a zombie until reaped: still signalable
        deadline = time.monotonic() + STOP_GRACE_S
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return status
            time.sleep(0.01)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return os.waitpid(pid, 0)[1]


def _protected_tmp_entries() -> set[str]:
    """Top-level /tmp entries holding what the sandbox bound in (a checkout under /tmp, say)."""
    needed = [sys.prefix, sys.base_prefix, os.path.dirname(os.path.dirname(os.path.abspath(__file__)))]
    return {path.split("/")[2] for path in needed if path.startswith("/tmp/") and len(path.split("/")) > 2}


def main(control: socket.socket, settings: dict) -> int:
    for name in PRELOAD:
        importlib.import_module(name)
    if settings["isolate"] and not _isolation_works(settings):
        control.sendall(json.dumps({"ready": False, "why": "the kernel refused per-child namespaces"}).encode())
        return 1
    control.sendall(json.dumps({"ready": not ops_have_run(), "why": "a TensorFlow op ran before forking"}).encode())
    while True:
        message, fds, _, _ = socket.recv_fds(control, 4096, 3)
        if not message:
            return 0
        request = json.loads(message)
        if request["op"] == "spawn":
            if ops_have_run():
                control.sendall(json.dumps({"error": "a TensorFlow op ran in the zygote"}).encode())
                continue
            pid = os.fork()
            if pid == 0:
                control.close()
                _child(fds, settings)
            for fd in fds:
                os.close(fd)
            control.sendall(json.dumps({"pid": pid}).encode())
        elif request["op"] == "kill":
            status = _stop_child(int(request["pid"]))
            control.sendall(json.dumps({"exit": exit_text(os.waitstatus_to_exitcode(status))}).encode())


if __name__ == "__main__":
    sys.exit(main(socket.socket(fileno=int(sys.argv[1])), json.loads(sys.argv[2])))
