"""The judge's own peak memory and time per submission: the hostile corpus beside an honest class.

Both classes are graded by the real CLI with `--jobs 1`, so the judge is one process (the CLI);
its peak resident memory (VmHWM) is read from /proc while it runs. Workers, the zygote and the
sandbox are other processes, limited by the sandbox and not counted here.

    .venv/bin/python -m benchmarks.judge_footprint
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.adversarial.crafted import BUILDERS
from tests.adversarial.test_corpus import MAIN, SEQUENTIAL, SUBMISSIONS
from tests.adversarial.test_honest_among_hostile import honest_sources
from tests.conftest import REPO, TOY_COURSE

POLL_S = 0.1


def _peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def grade_class(folder: Path, out: Path) -> tuple[float, float, list[float]]:
    """(judge peak MB, wall seconds, per-submission seconds) for one `grade --jobs 1` run."""
    env = {**os.environ, "AUTOGRADER_COURSE_ROOT": str(TOY_COURSE)}
    command = [sys.executable, "-m", "autograder", "grade", "00", str(folder), "--out", str(out), "--jobs", "1"]
    started, peak = time.monotonic(), 0.0
    process = subprocess.Popen(command, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while process.poll() is None:
        peak = max(peak, _peak_rss_mb(process.pid) or 0.0)
        time.sleep(POLL_S)
    seconds = time.monotonic() - started
    durations = [json.loads(path.read_text())["duration_s"] for path in (out / "results").glob("*.json")]
    return peak, seconds, durations


def _hostile_class(folder: Path) -> None:
    for name in sorted(set(MAIN + SEQUENTIAL)):
        if name in BUILDERS:
            BUILDERS[name](folder, SUBMISSIONS)
        else:
            (folder / f"{name}.py").write_bytes((SUBMISSIONS / f"{name}.py").read_bytes())


def _honest_class(folder: Path, size: int) -> None:
    sources = list(honest_sources().values())
    for index in range(size):
        (folder / f"honest_{index:03d}.py").write_text(sources[index % len(sources)])


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="footprint-") as root:
        hostile, honest = Path(root, "hostile"), Path(root, "honest")
        hostile.mkdir(), honest.mkdir()
        _hostile_class(hostile)
        _honest_class(honest, len(list(hostile.iterdir())))
        for name, folder in (("honest", honest), ("hostile", hostile)):
            peak, seconds, durations = grade_class(folder, Path(root, f"out-{name}"))
            print(
                f"{name:8s} {len(durations):3d} submissions in {seconds:6.1f} s: judge peak {peak:6.1f} MB; "
                f"per submission median {statistics.median(durations):5.2f} s, max {max(durations):5.2f} s"
            )


if __name__ == "__main__":
    main()
