"""`validate LAB`: solution full marks, skeleton zero, each mutant loses its concept."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from autograder.errors import UserError
from autograder.lab import all_labs, find_lab
from autograder.validate import validate_lab


def main(lab_name: str | None, sandbox: bool = True, jobs: int = 0) -> int:
    """Validate one lab (or all), `jobs` gradings at once (0: one per core, fewer for a small lab)."""
    if jobs < 0:
        raise UserError(f"--jobs {jobs}: pass 0 (one job per core) or a positive number")
    console = Console()
    labs = [find_lab(lab_name)] if lab_name else all_labs()
    failures = 0
    for lab in labs:
        console.print(f"[bold]{lab.id}[/]")
        for check in validate_lab(lab, jobs, sandbox):  # one line per check, as each finishes
            mark = "[green]ok[/]" if check.ok else "[red]FAIL[/]"
            took = f" ({check.seconds:.1f} s)" if check.seconds else ""
            console.print(f"  {mark} {escape(check.name)}{took}: ", end="")
            console.print(check.detail, markup=False, highlight=False)
            failures += not check.ok
    console.print(f"{failures} failing check(s)" if failures else "[green]all checks pass[/]")
    return 1 if failures else 0
