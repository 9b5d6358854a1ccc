"""What a student sees after a check: a rich table per question and each failure explained."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from autograder.results import SubmissionResult


def print_broken_tests(lab_id: str, reason: str, console: Console | None = None) -> None:
    """One line when a lab's own tests cannot run: nothing to fix in the student's code."""
    (console or Console()).print(
        f"[bold red]the tests of lab {escape(lab_id)} do not load[/] ({escape(reason)}); "
        "this is not your code: tell your instructor", highlight=False,
    )


def print_check(result: SubmissionResult, console: Console | None = None) -> None:
    console = console or Console()
    if result.status not in ("graded", "missing-function"):
        console.print(f"[bold red]{escape(result.status)}[/]: {escape(result.status_message)}")
    for note in result.notes:
        console.print(f"[bold yellow]warning[/]: {escape(note)}")
    table = Table(title=f"{result.lab}: public tests")
    for column in ("question", "passed", "result"):
        table.add_column(column)
    for question in result.questions:
        tests = [t for t in result.tests if t.question == question.id]
        if not tests:
            continue
        passed = sum(t.passed for t in tests)
        verdict = "[green]all good[/]" if passed == len(tests) else "[red]needs work[/]"
        table.add_row(escape(question.title), f"{passed}/{len(tests)}", verdict)
    console.print(table)
    for question in result.questions:
        for mistake in question.misconceptions:
            console.print(f"\n[bold blue]💡 {escape(question.title)}[/]: {escape(mistake.statement())}")
    for test in result.tests:
        if not test.passed:
            console.print(f"\n[bold red]✗ {escape(test.hint or test.name)}[/] (question {escape(test.question)}, {escape(test.name)})")
            console.print(test.message, markup=False, highlight=False)
    if result.tests and all(t.passed for t in result.tests):
        console.print("[bold green]All public tests pass.[/] Hidden tests will check more cases when you submit.")
