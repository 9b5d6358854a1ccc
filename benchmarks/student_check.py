"""How long a student waits for `python -m autograder check`: lab 04's solution, a bad argument,
and `import tensorflow` alone (the floor) measured side by side in one run.

    .venv/bin/python benchmarks/student_check.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.monotonic()
        subprocess.run(command, cwd=REPO, capture_output=True)
        times.append(time.monotonic() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    python = sys.executable
    floor = _seconds([python, "-c", "import tensorflow"], runs)
    check = _seconds([python, "-m", "autograder", "check", "04", "solutions/04_weight_init/weight_init.py"], runs)
    bad = _seconds([python, "-m", "autograder", "check", "99", "x.ipynb"], runs)
    print(f"import tensorflow alone: {floor:.2f} s (median of {runs})")
    print(f"check 04 (solution):     {check:.2f} s, {check / floor:.2f}x the TensorFlow import")
    print(f"check with a bad lab:    {bad:.2f} s")


if __name__ == "__main__":
    main()
