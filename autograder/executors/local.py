"""Local executors: one trusted grading process, or a pool of them (one per core).

Both run a *task* over items in warm grading processes (each with its lab, its worker backend
and its GPU): grading submissions is one task; validating a lab and building its
misconception profiles are others. A task is a module-level function (a pool process finds it
by name) taking the lab, the backend and one item, and returning text (JSON, never pickles).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from autograder.executors.base import GradingJob
from autograder.gpu import ASSIGNED_GPU_VARIABLE
from autograder.grading import grade_submission
from autograder.lab import Lab, load_lab
from autograder.parent_death import die_with_parent
from autograder.quiet_tensorflow import import_tensorflow_quietly
from autograder.results import SubmissionResult
from autograder.sandbox.choose import choose_backend
from autograder.submissions import Submission
from autograder.worker.backend import WorkerBackend

MIN_ITEMS_PER_PROCESS = 6  # starting a grading process (TensorFlow, its zygote) costs about as much as several gradings
THREAD_VARIABLES = ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "OMP_NUM_THREADS")

Item = TypeVar("Item")
Task = Callable[[Lab, WorkerBackend, Any], str]


def use_gpu(gpu: str | None) -> None:
    """Give this grading process's workers `gpu`; its own reference computations stay on the CPU."""
    if gpu is not None:
        os.environ[ASSIGNED_GPU_VARIABLE] = gpu
    os.environ["CUDA_VISIBLE_DEVICES"] = "-1"


def auto_jobs(jobs: int, items: int) -> int:
    """How many grading processes to run `items` with: `jobs` as asked; 0, one per core but no
    more than one per MIN_ITEMS_PER_PROCESS items (a small lab's validation stays in one)."""
    if jobs > 0:
        return min(jobs, max(1, items))
    return max(1, min(os.cpu_count() or 1, items // MIN_ITEMS_PER_PROCESS))


def grade_task(lab: Lab, backend: WorkerBackend, submission: Submission) -> str:
    """The grading task: one submission's result as JSON."""
    return grade_submission(lab, submission, backend).to_json()


class _GradesByMap:
    """`grade` for an executor with `map`: the grading task over the submissions."""

    def map(self, job: GradingJob, task: Task, items: Sequence[Item]) -> Iterator[tuple[Item, str]]:
        raise NotImplementedError

    def grade(self, job: GradingJob, submissions: list[Submission]) -> Iterator[SubmissionResult]:
        for _, text in self.map(job, grade_task, submissions):
            yield SubmissionResult.from_json(text)


class InProcessExecutor(_GradesByMap):
    """Runs one item at a time in this process, with one warm backend."""

    def __init__(self, gpu: str | None = None) -> None:
        self._backend: WorkerBackend | None = None
        self.gpu = gpu

    def map(self, job: GradingJob, task: Task, items: Sequence[Item]) -> Iterator[tuple[Item, str]]:
        """Each item with what `task` made of it, in order."""
        use_gpu(self.gpu)
        lab = load_lab(job.lab_path)
        self._backend = self._backend or choose_backend(lab, job.sandbox, job.warm, meanwhile=import_tensorflow_quietly)
        for item in items:
            yield item, task(lab, self._backend, item)

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()


_process_state: dict[str, object] = {}


@contextmanager
def _thread_shares(jobs: int) -> Iterator[None]:
    """Each grading process's share of the cores, in the environment its interpreter starts with
    (numpy's BLAS reads it at import, before any code of ours runs there); restored afterwards."""
    before = {name: os.environ.get(name) for name in THREAD_VARIABLES}
    os.environ.update({name: str(max(1, (os.cpu_count() or 1) // jobs)) for name in THREAD_VARIABLES})
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _start_grading_process(job: GradingJob, gpus: "multiprocessing.Queue[str | None]", parent: int) -> None:
    die_with_parent(parent)  # a grading process never outlives `grade`
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops this process
    use_gpu(gpus.get())
    lab = load_lab(job.lab_path)
    _process_state.update(lab=lab, backend=choose_backend(lab, job.sandbox, job.warm, meanwhile=import_tensorflow_quietly))


def _run_in_process(task: Task, item: Any) -> str:
    lab, backend = _process_state["lab"], _process_state["backend"]
    assert isinstance(lab, Lab)
    return task(lab, backend, item)  # type: ignore[arg-type]


def _stop_grading_processes(grace_s: float = 2.0) -> None:
    """Terminate this process's grading processes (their zygotes and workers die with them)."""
    processes = multiprocessing.active_children()
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(grace_s)
        if process.is_alive():
            process.kill()


class PoolExecutor(_GradesByMap):
    """`jobs` trusted grading processes, each with its own warm zygote, GPU and share of the cores."""

    def __init__(self, jobs: int, gpus: list[str | None]) -> None:
        self.jobs, self.gpus = jobs, gpus

    def map(self, job: GradingJob, task: Task, items: Sequence[Item]) -> Iterator[tuple[Item, str]]:
        """Each item with what `task` made of it, as soon as it is done (any order)."""
        remaining = dict(enumerate(items))
        context = multiprocessing.get_context("spawn")
        for attempt in range(2):  # a lost grading process (not a student's crash) is retried once
            gpus = context.Queue()
            for gpu in self.gpus:
                gpus.put(gpu)
            pool = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_start_grading_process, initargs=(job, gpus, os.getpid()))
            try:
                with _thread_shares(self.jobs):  # the pool starts its processes on the first submit
                    pending: dict[Future, int] = {pool.submit(_run_in_process, task, item): index for index, item in remaining.items()}
                while pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        index = pending.pop(future)
                        text = future.result()
                        yield remaining.pop(index), text
                return
            except BrokenProcessPool:
                if attempt == 1:
                    raise
            except BaseException:  # Ctrl-C, or the consumer stopped: do not wait for running items
                _stop_grading_processes()
                raise
            finally:
                pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        """Pools are shut down at the end of each `grade`."""


def local_executor(jobs: int, gpus: list[str | None]) -> InProcessExecutor | PoolExecutor:
    """One grading process per job; `gpus[i]` is the GPU of job i (None: CPU)."""
    return InProcessExecutor(gpus[0]) if jobs <= 1 else PoolExecutor(jobs, gpus)
