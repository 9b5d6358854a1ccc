"""A submission's worker over the course of one grading: start, deadlines, restarts."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograder.judge.errors import CallTimeout, SubmissionProblem, SubmissionUnusable, WorkerCrashed
from autograder.judge.calls import CallLog
from autograder.judge.faults import FaultLedger
from autograder.protocol.busy import without_busy
from autograder.protocol.codec import ProtocolError
from autograder.protocol.framing import ChannelClosed, ChannelTimeout, pack, read_frame, write_frame
from autograder.safe_text import identifier, plain
from autograder.worker.backend import BackendUnavailable, WorkerBackend, WorkerProcess

START_TIMEOUT_S = 60.0
RETRY_PAUSE_S = 2.0


@dataclass(frozen=True)
class Limits:
    call_timeout_s: float = 60.0
    import_timeout_s: float = 120.0
    submission_timeout_s: float = 600.0
    memory_mb: float = 4096.0


class WorkerSession:
    """Talks to one submission's worker; a dead or hung worker is replaced for the next test.

    Restarts need no count of their own: a hang or crash cuts off its question (see
    `FaultLedger`), so there are at most as many restarts as questions, and the
    per-submission wall budget bounds them all.
    """

    def __init__(self, backend: WorkerBackend, module_dir: Path, limits: Limits, log_path: Path) -> None:
        self.backend, self.module_dir, self.limits, self.log_path = backend, module_dir, limits, log_path
        self.deadline = time.monotonic() + limits.submission_timeout_s
        self.generation = 0
        self.incidents: list[str] = []
        self.notes: list[str] = []
        self._process: WorkerProcess | None = None
        self.faults = FaultLedger()
        self.calls = CallLog()
        self._unusable: SubmissionUnusable | None = None
        self.student_s = 0.0  # the worker's time importing and serving the tests' requests (see protocol.busy)

    def _call_deadline(self, seconds: float) -> float:
        return min(time.monotonic() + seconds, self.deadline)

    def _fail(self, category: str, message: str) -> SubmissionUnusable:
        self.incidents.append(category)
        self._unusable = SubmissionUnusable(category, message)
        return self._unusable

    def _budget_spent(self) -> SubmissionUnusable:
        return self._fail("timeout", f"grading stopped: the {self.limits.submission_timeout_s:.0f} s budget for this submission ran out")

    def _start(self) -> WorkerProcess:
        if self._unusable is not None:
            raise self._unusable
        if time.monotonic() >= self.deadline:
            raise self._budget_spent()
        self.generation += 1
        process = self._launch()
        importing = time.monotonic()
        try:
            reply, _ = read_frame(process.from_worker, self._call_deadline(self.limits.import_timeout_s))
            self.student_s += time.monotonic() - importing  # the submission's top-level code
        except ChannelTimeout:
            process.kill()
            raise self._fail("timeout", f"importing your code took longer than {self.limits.import_timeout_s:.0f} s (a loop or long training at top level?)") from None
        except (ChannelClosed, ProtocolError):
            how = process.kill()
            raise self._fail("crashed", f"your code stopped the process while being imported ({how})") from None
        if isinstance(reply, dict) and "import_error" in reply:
            process.kill()
            error = reply["import_error"] if isinstance(reply["import_error"], dict) else {}
            message = error.get("message") if isinstance(error.get("message"), str) else ""
            raise self._fail("crashed", f"importing your code raised {identifier(error.get('type'))}: {plain(message, 500)}".strip())
        if reply != {"ready": True}:
            process.kill()
            raise self._fail("crashed", "your code sent the grader an invalid message while being imported")
        self._process = process
        return process

    def _launch(self) -> WorkerProcess:
        """A worker that has started (before any student code runs); one retry if it fails.

        A worker that dies before saying "started" failed for reasons that are not the
        student's (no process slots left, a lost zygote): that is retried once and noted.
        """
        for attempt in range(2):
            try:
                process = self.backend.start(self.module_dir, self.log_path)
            except (BackendUnavailable, OSError) as error:
                how = str(error)
            else:
                how = self._await_started(process)
                if how is None:
                    return process
            if attempt == 0:
                self.incidents.append("retried")
                self.notes.append(f"a worker failed to start ({how}) and was retried; not caused by the submission")
                time.sleep(RETRY_PAUSE_S)
        raise self._fail("grader-error", f"the grader could not start a worker ({how}); not your fault, ask for a regrade")

    def _await_started(self, process: WorkerProcess) -> str | None:
        """None once the worker says it started; else why not (the worker is then killed)."""
        try:
            if read_frame(process.from_worker, self._call_deadline(START_TIMEOUT_S))[0] == {"started": True}:
                return None
        except (ChannelTimeout, ChannelClosed, ProtocolError):
            return process.kill()
        process.kill()
        return "it sent an unexpected first message"

    def request(self, body: Any, blobs: list[bytes]) -> tuple[Any, list[bytes]]:
        """Send one request and wait for its reply within the call's time limit.

        Every problem is recorded in `faults`; a question already cut off is not run.
        """
        self.faults.ensure_open()
        try:
            return self._exchange(body, blobs)
        except SubmissionProblem as problem:
            self.faults.record(problem)
            raise

    def _exchange(self, body: Any, blobs: list[bytes]) -> tuple[Any, list[bytes]]:
        process = self._process or self._start()
        deadline = self._call_deadline(self.limits.call_timeout_s)
        sent = time.monotonic()
        try:
            write_frame(process.to_worker, pack(body, blobs), deadline)
            reply, reply_blobs = read_frame(process.from_worker, deadline)
        except ChannelTimeout:
            self.student_s += time.monotonic() - sent  # a hang is the submission's own time
            self._drop()
            if time.monotonic() >= self.deadline:
                raise self._budget_spent() from None
            self.incidents.append("timeout")
            raise CallTimeout(f"your code did not return within {self.limits.call_timeout_s:.0f} s{self._rest_skipped()}") from None
        except ChannelClosed:
            how = self._drop()
            self.incidents.append("crashed")
            raise WorkerCrashed(f"your code ended the worker process ({how}){self._rest_skipped()}") from None
        except ProtocolError as error:
            self._drop()
            self.incidents.append("crashed")
            raise WorkerCrashed(f"your code sent back something the grader cannot read: {error}{self._rest_skipped()}") from None
        reply, busy_s = without_busy(reply, time.monotonic() - sent)
        self.student_s += busy_s
        return reply, reply_blobs

    def _rest_skipped(self) -> str:
        question = self.faults.question
        return f"; the rest of question {identifier(question)} is skipped, the other questions still run" if question else ""

    def _drop(self) -> str:
        process, self._process = self._process, None
        return process.kill() if process else "after it was stopped"

    def close(self) -> None:
        self._drop()
