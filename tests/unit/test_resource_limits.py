"""A worker's rlimits never ask for more than the grading process may set (a container's own limits)."""

from __future__ import annotations

import subprocess
import sys

from autograder.sandbox.resources import NPROC_BACKSTOP_FACTOR, ResourceLimits


def test_limits_are_what_the_lab_asks_where_the_process_may_set_them():
    limits = ResourceLimits(memory_mb=512, cpu_seconds=60, processes=8, file_size_mb=1, open_files=64)
    args = limits.prlimit_args(address_space=True)
    assert f"--nproc={8 * NPROC_BACKSTOP_FACTOR}" in args and "--nofile=64" in args and "--cpu=60" in args
    assert f"--as={512 << 20}" in args and "--core=0" in args


def test_a_limit_above_the_processs_hard_limit_is_capped_to_it():
    program = (
        "import resource\n"
        "resource.setrlimit(resource.RLIMIT_NPROC, (100, 100))\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (50, 50))\n"
        "from autograder.sandbox.resources import ResourceLimits\n"
        "print(' '.join(ResourceLimits(processes=512, open_files=256).prlimit_args(address_space=False)))\n"
    )
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout.split()
    assert "--nproc=100" in out and "--nofile=50" in out, out
