"""`release --out DIR`: the student version of every lab."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from autograder.lab import course_root
from autograder.release import build_release


def main(out: Path) -> int:
    labs = build_release(course_root(), out)
    Console().print(f"released {len(labs)} lab(s) to {out}; scanned: no solution or hidden test leaked")
    return 0
