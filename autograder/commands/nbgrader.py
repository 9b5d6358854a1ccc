"""`nbgrader LAB --course DIR`: put a lab into an nbgrader course as a source assignment."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from autograder.lab import find_lab
from autograder.notebooks.nbgrader_export import export_to_course


def main(lab_name: str, course: Path, assignment: str | None) -> int:
    lab = find_lab(lab_name)
    path = export_to_course(lab, course, assignment)
    Console().print(f"wrote {path}; now run in {course}: nbgrader generate_assignment {path.parent.name}")
    return 0
