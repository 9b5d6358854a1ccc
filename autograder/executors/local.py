"""Local executors: one trusted grading process, or a pool of them (one per core)."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Iterator

from autograder.executors.base import GradingJob
from autograder.gpu import ASSIGNED_GPU_VARIABLE
from autograder.grading import grade_submission
from autograder.lab import Lab, load_lab
from autograder.quiet_tensorflow import import_tensorflow_quietly
from autograder.results import SubmissionResult
from autograder.sandbox.choose import choose_backend
from autograder.submissions import Submission
from autograder.worker.backend import WorkerBackend

PR_SET_PDEATHSIG = 1
THREAD_VARIABLES = ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "OMP_NUM_THREADS")


def use_gpu(gpu: str | None) -> None:
    """Give this grading process's workers `gpu`; its own reference computations stay on the CPU."""
    if gpu is not None:
        os.environ[ASSIGNED_GPU_VARIABLE] = gpu
    os.environ["CUDA_VISIBLE_DEVICES"] = "-1"


class InProcessExecutor:
    """Grades one submission at a time in this process, with one warm backend."""

    def __init__(self, gpu: str | None = None) -> None:
        self._backend: WorkerBackend | None = None
        self.gpu = gpu

    def grade(self, job: GradingJob, submissions: list[Submission]) -> Iterator[SubmissionResult]:
        use_gpu(self.gpu)
        lab = load_lab(job.lab_path)
        self._backend = self._backend or choose_backend(lab, job.sandbox, job.warm, meanwhile=import_tensorflow_quietly)
        for submission in submissions:
            yield grade_submission(lab, submission, self._backend)

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()


_process_state: dict[str, object] = {}


def _die_with_parent(parent: int) -> None:
    """A grading process never outlives `grade` (killed, or gone with its terminal): Linux's
    parent-death signal, armed, then checked against a parent that died first."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _start_grading_process(job: GradingJob, gpus: "multiprocessing.Queue[str | None]", parent: int) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops this process
    use_gpu(gpus.get())
    lab = load_lab(job.lab_path)
    _process_state.update(lab=lab, backend=choose_backend(lab, job.sandbox, job.warm, meanwhile=import_tensorflow_quietly))


def _grade_in_process(submission: Submission) -> str:
    lab, backend = _process_state["lab"], _process_state["backend"]
    assert isinstance(lab, Lab)
    return grade_submission(lab, submission, backend).to_json()  # type: ignore[arg-type]


def _stop_grading_processes(grace_s: float = 2.0) -> None:
    """Terminate this process's grading processes (their zygotes and workers die with them)."""
    processes = multiprocessing.active_children()
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(grace_s)
        if process.is_alive():
            process.kill()


class PoolExecutor:
    """`jobs` trusted grading processes, each with its own warm zygote, GPU and share of the cores."""

    def __init__(self, jobs: int, gpus: list[str | None]) -> None:
        self.jobs, self.gpus = jobs, gpus

    def grade(self, job: GradingJob, submissions: list[Submission]) -> Iterator[SubmissionResult]:
        share = str(max(1, (os.cpu_count() or 1) // self.jobs))
        os.environ.update({name: share for name in THREAD_VARIABLES})  # inherited by graders and workers
        remaining = list(submissions)
        context = multiprocessing.get_context("spawn")
        for attempt in range(2):  # a lost grading process (not a student's crash) is retried once
            gpus = context.Queue()
            for gpu in self.gpus:
                gpus.put(gpu)
            pool = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_start_grading_process, initargs=(job, gpus, os.getpid()))
            try:
                pending: dict[Future, Submission] = {pool.submit(_grade_in_process, s): s for s in remaining}
                while pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        submission = pending.pop(future)
                        result = SubmissionResult.from_json(future.result())
                        remaining.remove(submission)
                        yield result
                return
            except BrokenProcessPool:
                if attempt == 1:
                    raise
            except BaseException:  # Ctrl-C, or the consumer stopped: do not wait for running submissions
                _stop_grading_processes()
                raise
            finally:
                pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        """Pools are shut down at the end of each `grade`."""


def local_executor(jobs: int, gpus: list[str | None]) -> InProcessExecutor | PoolExecutor:
    """One grading process per job; `gpus[i]` is the GPU of job i (None: CPU)."""
    return InProcessExecutor(gpus[0]) if jobs <= 1 else PoolExecutor(jobs, gpus)
