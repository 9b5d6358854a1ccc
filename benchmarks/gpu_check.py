"""GPU check: grade a lab 09 class on the GPU(s) and on the CPU; same scores, GPU recorded, speedup.

    bash benchmarks/gpu_check.sh            # on a machine with an NVIDIA GPU (under 5 minutes)
    bash benchmarks/gpu_check.sh --dry-run  # anywhere (CI): the GPU is simulated, TensorFlow runs on the CPU

The class: the solution and classic mistakes of lab 09 (benchmarks/make_class.py). The GPU run
uses one grading slot per GPU (memory growth on, TF32 off: autograder/gpu.py); every result must
record its GPU and every student's per-question scores must equal the CPU run's (the tests'
tolerances are the judge). The speedup is the students' code time (measured in the worker),
CPU over GPU. Mistake naming is off here: it would build lab 09's profiles on the CPU first.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.make_class import make_class  # noqa: E402
from autograder.gpu import detect_gpus  # noqa: E402
from autograder.lab import find_lab  # noqa: E402

LAB = "09"


def tensorflow_sees_a_gpu() -> bool:
    probe = "import tensorflow as tf, sys; sys.exit(0 if tf.config.list_physical_devices('GPU') else 1)"
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}).returncode == 0


def grade(class_dir: Path, out: Path, jobs: int, visible: str) -> tuple[dict[str, dict], float]:
    """Every student's result (by name) and the wall time, grading with CUDA_VISIBLE_DEVICES=`visible`."""
    environment = {**os.environ, "CUDA_VISIBLE_DEVICES": visible, "AUTOGRADER_DIAGNOSE": "off"}
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "autograder", "grade", LAB, str(class_dir), "--out", str(out), "--jobs", str(jobs)],
                   check=True, cwd=REPO, env=environment, capture_output=True, timeout=1800)
    results = {path.stem: json.loads(path.read_text()) for path in (out / "results").glob("*.json")}
    return results, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="simulate one GPU (CI): checks the plumbing, not the speed")
    parser.add_argument("--size", type=int, default=4, help="notebooks in the class (default 4)")
    arguments = parser.parse_args()
    gpus = ["0"] if arguments.dry_run else detect_gpus()
    if not gpus:
        print("gpu_check: no NVIDIA GPU found (nvidia-smi -L lists none); run with --dry-run to check the plumbing")
        return 2
    if not arguments.dry_run and not tensorflow_sees_a_gpu():
        print("gpu_check: nvidia-smi lists a GPU but TensorFlow sees none: install the GPU stack (Dockerfile.gpu, tensorflow[and-cuda])")
        return 2
    lab = find_lab(LAB)
    with tempfile.TemporaryDirectory(prefix="gpu-check-") as scratch_name:
        scratch = Path(scratch_name)
        class_dir = scratch / "class"
        make_class(lab, class_dir, arguments.size)
        on_gpu, gpu_wall = grade(class_dir, scratch / "gpu", jobs=len(gpus), visible=",".join(gpus))
        on_cpu, cpu_wall = grade(class_dir, scratch / "cpu", jobs=len(gpus), visible="-1")
    problems = []
    for student in sorted(on_cpu):
        cpu, gpu = on_cpu[student], on_gpu.get(student)
        if gpu is None:
            problems.append(f"{student}: no GPU result")
            continue
        device = gpu["environment"].get("device", "")
        if not device.startswith("GPU "):
            problems.append(f"{student}: graded on {device or 'an unrecorded device'}, not a GPU")
        scores = {q["id"]: q["score"] for q in cpu["questions"]}, {q["id"]: q["score"] for q in gpu["questions"]}
        if scores[0] != scores[1] or cpu["status"] != gpu["status"]:
            problems.append(f"{student}: CPU {cpu['status']} {scores[0]} / GPU {gpu['status']} {scores[1]}")
    code_cpu = sum(r["student_code_s"] for r in on_cpu.values())
    code_gpu = sum(r["student_code_s"] for r in on_gpu.values())
    mode = "simulated GPU (dry run: TensorFlow ran on the CPU)" if arguments.dry_run else f"GPU(s) {', '.join(gpus)}"
    print(f"gpu_check lab {LAB}, {len(on_cpu)} notebooks, {mode}, {len(gpus)} grading slot(s):")
    print(f"  wall: GPU run {gpu_wall:.1f} s, CPU run {cpu_wall:.1f} s ({cpu_wall / gpu_wall:.2f}x)")
    print(f"  students' code (training and the tests' calls): GPU {code_gpu:.1f} s, CPU {code_cpu:.1f} s "
          f"(speedup {code_cpu / code_gpu:.2f}x)" if code_gpu > 0 else "  no student code time recorded")
    scores = sorted({f"{r['score']:g}" for r in on_cpu.values()})
    print(f"  scores: {', '.join(scores)} of {lab.max_score:g}")
    if not problems:
        print("  every result records its GPU, and every student's status and per-question scores equal the CPU run's")
    for problem in problems:
        print(f"  MISMATCH {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
