"""Warm workers: a zygote per backend forks a fresh, isolated worker for each submission."""

from __future__ import annotations

import json
import socket
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from autograder.protocol.framing import ChannelClosed, pack, write_frame
from autograder.worker.backend import BackendUnavailable, close_quietly, open_pipes
from autograder.worker.launch import Launched, Launcher, isolated_python, out_of_memory

CONTROL_TIMEOUT_S = 30.0
START_TIMEOUT_S = 180.0


class ZygoteUnavailable(BackendUnavailable):
    """The zygote could not start or cannot fork safely; use cold workers instead."""


@dataclass(frozen=True)
class ZygoteSettings:
    isolate: bool
    memory_mb: int = 4096
    cpu_seconds: int = 630
    file_size_mb: int = 64
    open_files: int = 256
    tmp_mb: int = 256


class Zygote:
    """A running zygote process and the socket that controls it."""

    def __init__(self, launched: Launched, control: socket.socket) -> None:
        self.launched, self.control = launched, control

    @classmethod
    def start(cls, launcher: Launcher, settings: ZygoteSettings, python: str, meanwhile: Callable[[], None] | None = None) -> "Zygote":
        """Launch the zygote, run `meanwhile` while it imports its modules, then wait until it is ready."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        log_dir = Path(tempfile.mkdtemp(prefix="autograder-zygote-"))
        command = [*isolated_python(python), "autograder.worker.zygote", str(theirs.fileno()), json.dumps(settings.__dict__)]
        try:
            launched = launcher.launch(command, [], Path("/tmp"), (theirs.fileno(),), log_dir / "zygote.log")
        finally:
            theirs.close()
        zygote = cls(launched, ours)
        try:
            if meanwhile is not None:
                meanwhile()
        except BaseException:
            zygote.stop()
            raise
        reply = zygote._reply(START_TIMEOUT_S)
        if not reply.get("ready"):
            zygote.stop()
            raise ZygoteUnavailable(reply.get("why", "the zygote did not start"))
        return zygote

    def _reply(self, timeout: float = CONTROL_TIMEOUT_S) -> dict:
        self.control.settimeout(timeout)
        try:
            data = self.control.recv(4096)
        except OSError as error:
            raise ZygoteUnavailable(f"the zygote stopped answering ({error})") from None
        if not data:
            raise ZygoteUnavailable(f"the zygote exited ({self.launched.kill()}); see its log")
        return json.loads(data)

    def _send(self, data: bytes, fds: list[int] | None = None) -> None:
        try:
            socket.send_fds(self.control, [data], fds) if fds else self.control.sendall(data)
        except OSError as error:
            raise ZygoteUnavailable(f"the zygote is gone ({error})") from None

    def spawn(self, fds: list[int]) -> int:
        self._send(b'{"op": "spawn"}', fds)
        reply = self._reply()
        if "pid" not in reply:
            raise ZygoteUnavailable(reply.get("error", "the zygote refused to fork"))
        return int(reply["pid"])

    def kill_child(self, pid: int) -> str:
        self._send(json.dumps({"op": "kill", "pid": pid}).encode())
        return str(self._reply().get("exit", "without an exit status"))

    def alive(self) -> bool:
        return self.launched.popen.poll() is None

    def stop(self) -> None:
        self.control.close()
        self.launched.kill()


@dataclass
class ForkedWorker:
    zygote: Zygote
    pid: int
    to_worker: int
    from_worker: int
    oom_kills_at_start: int = 0

    def kill(self) -> str:
        try:
            text = self.zygote.kill_child(self.pid)
        except ZygoteUnavailable as error:
            text = f"lost with its zygote: {error}"
        launched = self.zygote.launched
        if launched.oom_kills() > self.oom_kills_at_start:
            text += f" ({out_of_memory(launched.memory_mb)})"
        close_quietly(self.to_worker, self.from_worker)
        return text


class ZygoteBackend:
    """Forks workers from a warm zygote (started on first use, restarted if it dies).

    The next worker is forked as soon as one is handed out, so its fork and isolation overlap
    the grading of the current one; it waits, before any student code exists in it, for the
    module it will serve. Workers are forked before their submission is known, so their output
    goes to an unlinked scratch file, not to `log_path` (nothing reads a worker's output: what
    the judge learns comes over the protocol).
    """

    def __init__(self, launcher: Launcher, settings: ZygoteSettings, python: str = sys.executable) -> None:
        self.launcher, self.settings, self.python = launcher, settings, python
        self._zygote: Zygote | None = None
        self._spare: ForkedWorker | None = None

    def warm_up(self, meanwhile: Callable[[], None] | None = None) -> None:
        """Start the zygote now (running `meanwhile` while it starts); raises ZygoteUnavailable if
        warm workers cannot work here."""
        if self._zygote is None or not self._zygote.alive():
            self._drop_spare()
            self._zygote = Zygote.start(self.launcher, self.settings, self.python, meanwhile)

    def start(self, module_dir: Path, log_path: Path) -> ForkedWorker:
        self.warm_up()
        worker, self._spare = self._spare or self._fork(), None
        worker.oom_kills_at_start = worker.zygote.launched.oom_kills()
        try:
            write_frame(worker.to_worker, pack({"module": (module_dir / "submission.py").read_text()}, []))
        except ChannelClosed:  # it ended while it waited: not the submission's doing (the session retries)
            raise BackendUnavailable(f"a forked worker ended before its submission came ({worker.kill()})") from None
        try:
            self._spare = self._fork()
        except ZygoteUnavailable:
            pass  # the next start forks again, and says why if it fails again
        return worker

    def _fork(self) -> ForkedWorker:
        """A worker forked from the zygote, waiting for its module."""
        assert self._zygote is not None
        (request_read, request_write), (reply_read, reply_write) = open_pipes()
        with tempfile.TemporaryFile(prefix="autograder-worker-") as output:
            try:
                pid = self._zygote.spawn([request_read, reply_write, output.fileno()])
            except BaseException:
                close_quietly(request_write, reply_read)
                raise
            finally:
                close_quietly(request_read, reply_write)
        return ForkedWorker(self._zygote, pid, request_write, reply_read)

    def _drop_spare(self) -> None:
        spare, self._spare = self._spare, None
        if spare is not None:
            spare.kill()

    def close(self) -> None:
        self._drop_spare()
        if self._zygote is not None:
            self._zygote.stop()
            self._zygote = None
