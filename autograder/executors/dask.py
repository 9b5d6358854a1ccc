"""Dask distributed: the same grading fanned out over a cluster (local, SLURM, Kubernetes).

Each task is trusted code: it grades one submission by starting the sandbox on the Dask
worker's machine; student code never runs inside the Dask worker itself. Workers that
advertise a `GPU` resource get one task at a time per GPU (pin one worker per GPU with
CUDA_VISIBLE_DEVICES when starting it: Dask does not set it). A student's crash is a grade,
not an exception, so `retries` only ever re-runs work lost with a worker.
"""

from __future__ import annotations

import threading
from typing import Iterator

from autograder.executors.base import GradingJob
from autograder.executors.local import use_gpu
from autograder.grading import grade_submission
from autograder.gpu import detect_gpus
from autograder.lab import load_lab
from autograder.quiet_tensorflow import import_tensorflow_quietly
from autograder.results import SubmissionResult
from autograder.sandbox.choose import choose_backend
from autograder.submissions import Submission
from autograder.worker.backend import WorkerBackend

RETRIES_FOR_LOST_WORKERS = 1
_grading_lock = threading.Lock()  # pytest runs one session at a time per process
_backends: dict[GradingJob, WorkerBackend] = {}


def grade_on_dask_worker(job: GradingJob, submission: Submission) -> str:
    """The Dask task: grade one submission on this worker with its warm backend; JSON out."""
    with _grading_lock:
        if job not in _backends:
            visible = detect_gpus()
            use_gpu(visible[0] if visible else None)
            _backends[job] = choose_backend(load_lab(job.lab_path), job.sandbox, job.warm, meanwhile=import_tensorflow_quietly)
        return grade_submission(load_lab(job.lab_path), submission, _backends[job]).to_json()


class DaskExecutor:
    """Submits one task per submission to a Dask scheduler (or a LocalCluster of `jobs` workers)."""

    def __init__(self, scheduler: str | None, jobs: int) -> None:
        from dask.distributed import Client, LocalCluster

        if scheduler:
            self._cluster = None
            self.client = Client(scheduler)
        else:
            self._cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
            self.client = Client(self._cluster)

    def _resources(self) -> dict[str, int] | None:
        workers = self.client.scheduler_info()["workers"].values()
        return {"GPU": 1} if any(w.get("resources", {}).get("GPU") for w in workers) else None

    def grade(self, job: GradingJob, submissions: list[Submission]) -> Iterator[SubmissionResult]:
        from dask.distributed import as_completed

        resources = self._resources()
        futures = [
            self.client.submit(
                grade_on_dask_worker, job, submission, key=f"grade-{submission.student}-{submission.sha256[:12]}",
                retries=RETRIES_FOR_LOST_WORKERS, resources=resources, pure=False,
            )
            for submission in submissions
        ]
        try:
            for future in as_completed(futures):
                yield SubmissionResult.from_json(future.result())
        finally:  # Ctrl-C or a stopped consumer: a remote cluster stops grading this class too
            self.client.cancel([future for future in futures if not future.done()])

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
