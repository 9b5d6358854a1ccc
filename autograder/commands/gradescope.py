"""`gradescope LAB --out bundle.zip`: a Gradescope autograder bundle for one lab."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from autograder.gradescope.bundle import build_bundle
from autograder.lab import find_lab


def main(lab_name: str, out: Path, allow_unsandboxed: bool = False) -> int:
    lab = find_lab(lab_name)
    summary = build_bundle(lab, out, allow_unsandboxed=allow_unsandboxed)
    console = Console(stderr=True)
    if allow_unsandboxed:
        console.print("warning: where no sandbox can start, this bundle grades student code unsandboxed "
                      "(a submission could then read the hidden tests and forge its results)")
    console.print(
        f"wrote {summary.path} ({summary.files} files, {summary.bytes / 1e6:.1f} MB) for lab {lab.id}: "
        f"upload it as the autograder of a Gradescope programming assignment worth {lab.max_score:g} points"
    )
    console.print("it holds the hidden tests: keep it with the instructors (see docs/gradescope.md)")
    return 0
