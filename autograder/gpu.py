"""GPUs: find them without touching CUDA, give each grading slot its own, describe the device.

Nothing here imports TensorFlow: the zygote must never initialise a GPU, and detection
must work in the trusted parent before any worker starts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

GPU_ENVIRONMENT = {
    "TF_FORCE_GPU_ALLOW_GROWTH": "true",  # workers share a card without grabbing all its memory
    "NVIDIA_TF32_OVERRIDE": "0",  # full float32 while judging, so GPU and CPU agree within tolerances
}
ASSIGNED_GPU_VARIABLE = "AUTOGRADER_GPU"


def detect_gpus(visible: str | None = None, nvidia_smi_output: str | None = None) -> list[str]:
    """GPU ids the grader may use: CUDA_VISIBLE_DEVICES if set, else what `nvidia-smi -L` lists."""
    visible = os.environ.get("CUDA_VISIBLE_DEVICES") if visible is None else visible
    if visible is not None:
        return [d.strip() for d in visible.split(",") if d.strip() and d.strip() != "-1"]
    if nvidia_smi_output is None:
        if not shutil.which("nvidia-smi"):
            return []
        try:
            nvidia_smi_output = subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True, timeout=20).stdout
        except (OSError, subprocess.TimeoutExpired):
            return []
    return [str(n) for n, line in enumerate(l for l in nvidia_smi_output.splitlines() if l.startswith("GPU "))]


def assign_gpus(devices: list[str], slots: int) -> list[str | None]:
    """One GPU per grading slot, round robin; None (CPU) for every slot when there is none."""
    if not devices:
        return [None] * slots
    return [devices[slot % len(devices)] for slot in range(slots)]


def announce(devices: list[str]) -> None:
    if devices:
        print(f"grading on GPU(s) {', '.join(devices)}: one per grading slot, memory growth on, TF32 off", file=sys.stderr)
    else:
        print("no GPU found; grading on the CPU", file=sys.stderr)


def device_environment(gpu: str | None) -> dict[str, str]:
    """The CUDA part of a worker's environment for its assigned GPU (or none)."""
    if gpu is None:
        return {"CUDA_VISIBLE_DEVICES": "-1"}
    return {"CUDA_VISIBLE_DEVICES": gpu, **GPU_ENVIRONMENT}


def assigned_gpu() -> str | None:
    """The GPU this grading process was given (set by the executor), if any."""
    return os.environ.get(ASSIGNED_GPU_VARIABLE) or None


def device_nodes(gpu: str | None, dev: Path = Path("/dev")) -> list[Path]:
    """The /dev entries a sandboxed worker needs for its GPU."""
    if gpu is None:
        return []
    shared = ["nvidiactl", "nvidia-uvm", "nvidia-uvm-tools", "nvidia-modeset"]
    return [dev / name for name in [f"nvidia{gpu}", *shared] if (dev / name).exists()]


def tensorflow_version() -> str:
    for distribution in ("tensorflow", "tensorflow-cpu"):
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def describe_device(gpu: str | None) -> str:
    return f"GPU {gpu}" if gpu is not None else "CPU"
