"""`generate [LAB] [--check]`: write (or verify) student notebooks from instructor sources."""

from __future__ import annotations

from rich.console import Console

from autograder.lab import all_labs, find_lab
from autograder.notebooks.generate import generate, is_stale


def main(lab_name: str | None, check_only: bool) -> int:
    console = Console()
    labs = [find_lab(lab_name)] if lab_name else all_labs()
    stale = [lab for lab in labs if is_stale(lab)]
    if check_only:
        for lab in stale:
            console.print(f"[red]stale[/]: {lab.notebook_path} (run: python -m autograder generate {lab.id})")
        return 1 if stale else 0
    for lab in labs:
        console.print(f"wrote {generate(lab)}")
    return 0
