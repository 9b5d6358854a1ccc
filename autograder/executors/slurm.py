"""A SLURM recipe with dask-jobqueue: one Dask worker per GPU, each advertising a GPU resource."""

from __future__ import annotations

from typing import Any


def slurm_cluster(gpus: int = 1, cores: int = 4, memory: str = "16GB", walltime: str = "02:00:00", **options: Any) -> Any:
    """A dask_jobqueue.SLURMCluster whose jobs each hold `gpus` GPUs and run one worker per GPU.

    Scale it (`cluster.scale(jobs=4)`), then grade with
    `python -m autograder grade LAB SUBMISSIONS --out OUT --executor dask --scheduler <cluster.scheduler_address>`.
    SLURM sets CUDA_VISIBLE_DEVICES for each job; with one GPU per job each worker owns its GPU.
    """
    from dask_jobqueue import SLURMCluster

    job_gpus = [f"--gres=gpu:{gpus}"] if gpus else []
    resources = ["--resources", f"GPU={gpus}"] if gpus else []
    return SLURMCluster(
        cores=cores, processes=1, memory=memory, walltime=walltime,
        job_extra_directives=job_gpus, worker_extra_args=resources, **options,
    )
