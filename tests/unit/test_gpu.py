"""GPU detection and assignment, simulated with device lists (CI has no GPU)."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder import gpu
from autograder.sandbox import bwrap
from autograder.sandbox.resources import ResourceLimits
from autograder.worker.launch import worker_environment

NVIDIA_SMI = "GPU 0: NVIDIA H200 (UUID: GPU-aaa)\nGPU 1: NVIDIA H200 (UUID: GPU-bbb)\n"


def test_detect_from_visible_devices_and_nvidia_smi(monkeypatch):
    assert gpu.detect_gpus(visible="0,2") == ["0", "2"]
    assert gpu.detect_gpus(visible="-1") == [] and gpu.detect_gpus(visible="") == []
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    assert gpu.detect_gpus(nvidia_smi_output=NVIDIA_SMI) == ["0", "1"]
    monkeypatch.setattr(gpu.shutil, "which", lambda name: None)
    assert gpu.detect_gpus() == []


@pytest.mark.parametrize(
    "devices, slots, expected",
    [(["0", "1"], 3, ["0", "1", "0"]), (["3"], 2, ["3", "3"]), ([], 2, [None, None]), (["0", "1", "2"], 2, ["0", "1"])],
)
def test_one_gpu_per_slot_round_robin(devices, slots, expected):
    assert gpu.assign_gpus(devices, slots) == expected


def test_worker_environment_follows_the_assigned_gpu(monkeypatch):
    monkeypatch.delenv(gpu.ASSIGNED_GPU_VARIABLE, raising=False)
    assert worker_environment()["CUDA_VISIBLE_DEVICES"] == "-1"
    monkeypatch.setenv(gpu.ASSIGNED_GPU_VARIABLE, "1")
    environment = worker_environment()
    assert environment["CUDA_VISIBLE_DEVICES"] == "1"
    assert environment["NVIDIA_TF32_OVERRIDE"] == "0" and environment["TF_FORCE_GPU_ALLOW_GROWTH"] == "true"


def test_sandbox_binds_the_gpu_device_nodes(monkeypatch, tmp_path: Path):
    for name in ("nvidia0", "nvidia1", "nvidiactl", "nvidia-uvm"):
        (tmp_path / name).touch()
    assert gpu.device_nodes("1", dev=tmp_path) == [tmp_path / "nvidia1", tmp_path / "nvidiactl", tmp_path / "nvidia-uvm"]
    assert gpu.device_nodes(None, dev=tmp_path) == []
    monkeypatch.setattr(bwrap, "device_nodes", lambda assigned: gpu.device_nodes(assigned, dev=tmp_path))
    monkeypatch.setenv(gpu.ASSIGNED_GPU_VARIABLE, "0")
    args = bwrap.bwrap_args([], Path("/tmp"), as_root=True)
    bound = [args[i + 1] for i, arg in enumerate(args) if arg == "--dev-bind"]
    assert bound == [str(tmp_path / "nvidia0"), str(tmp_path / "nvidiactl"), str(tmp_path / "nvidia-uvm")]


def test_no_address_space_limit_with_cuda():
    limits = ResourceLimits(memory_mb=2048)
    assert "--as=2147483648" in limits.prlimit_args(address_space=True)
    assert not any(arg.startswith("--as=") for arg in limits.prlimit_args(address_space=False))


def test_results_record_device_and_versions(monkeypatch):
    from autograder.grading import grading_environment

    monkeypatch.setenv(gpu.ASSIGNED_GPU_VARIABLE, "2")
    environment = grading_environment()
    assert environment["device"] == "GPU 2" and environment["tensorflow"].startswith("2.")
