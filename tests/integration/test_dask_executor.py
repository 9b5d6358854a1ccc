"""Scale-out: the same grading through Dask distributed (a LocalCluster here), same gradebook."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TOY_COURSE

CORRECT = "import numpy as np\n\ndef add(a, b):\n    return a + b\n\ndef scale(x, k):\n    return np.asarray(x) * k\n"


def test_dask_local_cluster_grades_like_the_local_executor(tmp_path: Path):
    folder = tmp_path / "class"
    folder.mkdir()
    for i in range(4):
        (folder / f"s{i}.py").write_text(CORRECT if i % 2 else CORRECT.replace("a + b", "a - b"))
    (folder / "crash.py").write_text(CORRECT.replace("return a + b", "import os\n    os._exit(1)"))
    env = {**os.environ, "AUTOGRADER_COURSE_ROOT": str(TOY_COURSE)}
    books = {}
    for executor in ("local", "dask"):
        out = tmp_path / executor
        command = [sys.executable, "-m", "autograder", "grade", "00", str(folder), "--out", str(out), "--jobs", "2", "--executor", executor]
        completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
        assert completed.returncode == 0, completed.stderr
        books[executor] = {row["student"]: (row["score"], row["status"]) for row in csv.DictReader((out / "grades.csv").open())}
    assert books["dask"] == books["local"]
    assert books["dask"]["crash"] == ("3", "crashed")  # a student's crash is a grade, not a retry


def test_slurm_recipe_requests_a_gpu_per_job():
    pytest.importorskip("dask_jobqueue")
    from autograder.executors.slurm import slurm_cluster

    cluster = slurm_cluster(gpus=1, cores=4, memory="16GB")
    try:
        script = cluster.job_script()
    finally:
        cluster.close()
    assert "#SBATCH --gres=gpu:1" in script
    assert "--resources GPU=1" in script
