"""`validate LAB`: solution full marks, skeleton zero, each mutant loses its concept."""

from __future__ import annotations

from rich.console import Console

from autograder.lab import all_labs, find_lab
from autograder.validate import validate_lab
from autograder.sandbox.choose import choose_backend


def main(lab_name: str | None, sandbox: bool = True) -> int:
    console = Console()
    labs = [find_lab(lab_name)] if lab_name else all_labs()
    failures = 0
    for lab in labs:
        console.print(f"[bold]{lab.id}[/]")
        backend = choose_backend(lab, sandbox)
        try:
            checks = validate_lab(lab, backend)
        finally:
            backend.close()
        for check in checks:
            mark = "[green]ok[/]" if check.ok else "[red]FAIL[/]"
            console.print(f"  {mark} {check.name}: ", end="")
            console.print(check.detail, markup=False, highlight=False)
            failures += not check.ok
    console.print(f"{failures} failing check(s)" if failures else "[green]all checks pass[/]")
    return 1 if failures else 0
