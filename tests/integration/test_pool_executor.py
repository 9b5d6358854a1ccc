"""The local pool's grading processes: each starts with its share of the cores, and the caller's
environment is left as it was."""

from __future__ import annotations

import json
import os

from autograder.executors.base import GradingJob
from autograder.executors.local import THREAD_VARIABLES, PoolExecutor


def thread_settings(lab, backend, item) -> str:
    """A task: the thread variables this grading process started with, and its BLAS threads."""
    from threadpoolctl import threadpool_info

    blas = sorted({pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"})
    return json.dumps({"variables": {name: os.environ.get(name) for name in THREAD_VARIABLES}, "blas": blas})


def test_each_grading_process_starts_with_its_share_of_the_cores(toy_lab):
    before = {name: os.environ.get(name) for name in THREAD_VARIABLES}
    share = max(1, (os.cpu_count() or 1) // 2)
    settings = [json.loads(text) for _, text in PoolExecutor(2, [None, None]).map(GradingJob(toy_lab.path, sandbox=False), thread_settings, [1, 2])]
    assert len(settings) == 2
    for got in settings:
        assert got["variables"] == {name: str(share) for name in THREAD_VARIABLES}
        assert got["blas"] == [share], "numpy's BLAS read its thread count before the share was set"
    assert {name: os.environ.get(name) for name in THREAD_VARIABLES} == before
