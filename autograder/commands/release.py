"""`release --out DIR [--student-package-url URL]`: the student version of every lab and the
student package the notebooks install."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from autograder import __version__
from autograder.lab import course_root
from autograder.release import build_release


def main(out: Path, student_package_url: str = "", student_package_version: str = __version__) -> int:
    labs, wheel = build_release(course_root(), out, student_package_url, student_package_version)
    console = Console(highlight=False)
    console.print(f"released {len(labs)} lab(s) to {out}, student package {wheel.name}; scanned: no solution or hidden test leaked")
    if student_package_url:
        console.print(f"the notebooks install it from {student_package_url}: publish {wheel} there")
    else:
        console.print("the notebooks know no install address: students must pip install the wheel themselves "
                      "(give one with --student-package-url to make the first cell install it)")
    return 0
