"""`validate LAB`: solution full marks, skeleton zero, each mutant loses its concept."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

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
            for check in validate_lab(lab, backend):  # one line per check, as each finishes
                mark = "[green]ok[/]" if check.ok else "[red]FAIL[/]"
                took = f" ({check.seconds:.1f} s)" if check.seconds else ""
                console.print(f"  {mark} {escape(check.name)}{took}: ", end="")
                console.print(check.detail, markup=False, highlight=False)
                failures += not check.ok
        finally:
            backend.close()
    console.print(f"{failures} failing check(s)" if failures else "[green]all checks pass[/]")
    return 1 if failures else 0
