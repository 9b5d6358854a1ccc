"""Bulk grading at scale: parallel jobs, killed runs that resume, and a class where 10% misbehave."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import TOY_COURSE

CORRECT = "import numpy as np\n\ndef add(a, b):\n    return a + b\n\ndef scale(x, k):\n    return np.asarray(x) * k\n"
HALF = CORRECT.replace("a + b", "a - b")
CRASH = CORRECT.replace("return a + b", "import os\n    os._exit(1)")
HANG = CORRECT.replace("return a + b", "while True:\n        pass")
MEMORY = CORRECT.replace("return a + b", "blob = bytearray(6 << 30)\n    return a + b")


def grade_command(folder: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "autograder", "grade", "00", str(folder), "--out", str(out), *extra]


def environment() -> dict[str, str]:
    return {**os.environ, "AUTOGRADER_COURSE_ROOT": str(TOY_COURSE)}


def rows(out: Path) -> dict[str, dict[str, str]]:
    return {row["student"]: row for row in csv.DictReader((out / "grades.csv").open())}


def write_class(folder: Path, sources: dict[str, str]) -> None:
    folder.mkdir()
    for student, source in sources.items():
        (folder / f"{student}.py").write_text(source)


def test_killed_run_resumes_without_regrading(tmp_path: Path):
    folder, out = tmp_path / "class", tmp_path / "out"
    write_class(folder, {f"s{i:02d}": CORRECT if i % 2 else HALF for i in range(12)})
    run = subprocess.Popen(grade_command(folder, out, "--jobs", "1"), env=environment(), stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while len(list((out / "results").glob("*.json"))) < 3:
        assert run.poll() is None and time.monotonic() < deadline, "the first run ended before it could be killed"
        time.sleep(0.2)
    run.send_signal(signal.SIGKILL)
    run.wait()
    first = {p.name: p.stat().st_mtime_ns for p in (out / "results").glob("*.json")}
    assert 3 <= len(first) < 12
    assert {f"{student}.json" for student in rows(out)} <= set(first), "grades.csv holds only stored results"
    resumed = subprocess.run(grade_command(folder, out, "--jobs", "1"), env=environment(), capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert f"resuming: {len(first)} submission(s) already graded" in resumed.stderr
    assert all((out / "results" / name).stat().st_mtime_ns == mtime for name, mtime in first.items())
    graded = rows(out)
    assert len(graded) == 12 and {r["score"] for r in graded.values()} == {"5", "3"}
    assert not list(out.rglob("*.partial"))


@pytest.mark.slow
def test_two_hundred_submissions_with_ten_percent_misbehaving(tmp_path: Path):
    """Every row present with the right status; prints the time it took (see README)."""
    folder, out = tmp_path / "class", tmp_path / "out"
    hostile = {0: CRASH, 1: HANG, 2: MEMORY}
    sources = {f"s{i:03d}": hostile.get(i % 30) or (CORRECT if i % 3 else HALF) for i in range(200)}
    misbehaving = {name for name, source in sources.items() if source in (CRASH, HANG, MEMORY)}
    assert len(misbehaving) == 21  # a crash, a hang or a memory bomb in about 10% of the class
    write_class(folder, sources)
    started = time.monotonic()
    completed = subprocess.run(grade_command(folder, out), env=environment(), capture_output=True, text=True, timeout=1800)
    elapsed = time.monotonic() - started
    print(f"\n200 submissions (21 misbehaving) graded in {elapsed:.0f} s on {os.cpu_count()} cores")
    assert completed.returncode == 0, completed.stderr
    graded = rows(out)
    assert len(graded) == 200
    for name, source in sources.items():
        expected = {CRASH: ("crashed", "3"), HANG: ("timeout", "3"), CORRECT: ("graded", "5"), HALF: ("graded", "3")}.get(source)
        if source is MEMORY:
            assert graded[name]["score"] == "3" and graded[name]["status"] in {"crashed", "graded", "timeout"}, graded[name]
        else:
            assert (graded[name]["status"], graded[name]["score"]) == expected, (name, graded[name])


def test_each_grading_slot_gets_its_own_gpu(tmp_path: Path):
    """Simulated two-GPU machine: every worker sees exactly its slot's GPU, TF32 off, growth on."""
    probe = CORRECT.replace(
        "return a + b",
        "import os\n    ok = os.environ['NVIDIA_TF32_OVERRIDE'] == '0' and os.environ['TF_FORCE_GPU_ALLOW_GROWTH'] == 'true'\n"
        "    return a + b if ok and os.environ['CUDA_VISIBLE_DEVICES'] in ('0', '1') else -1",
    )
    folder, out = tmp_path / "class", tmp_path / "out"
    write_class(folder, {f"s{i}": probe for i in range(6)})
    env = {**environment(), "CUDA_VISIBLE_DEVICES": "0,1"}
    completed = subprocess.run(grade_command(folder, out, "--jobs", "2"), env=env, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr
    assert "grading on GPU(s) 0, 1" in completed.stderr
    assert {row["score"] for row in rows(out).values()} == {"5"}
    import json

    devices = {json.loads(p.read_text())["environment"]["device"] for p in (out / "results").glob("*.json")}
    assert devices <= {"GPU 0", "GPU 1"} and devices
