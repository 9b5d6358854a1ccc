"""The command line: thin commands over one `main()` each in `autograder.commands`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Optional

import typer

from autograder import __version__
from autograder.errors import UserError
from autograder.quiet_tensorflow import set_log_levels

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Keras lab course autograder.")


def _run(command: Callable[..., object], *args: object) -> None:
    """Run a command; input problems become one line on stderr and exit status 2."""
    try:
        status = command(*args)
    except UserError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        typer.echo("interrupted; results graded so far are kept, rerun to resume", err=True)
        raise typer.Exit(130) from None
    raise typer.Exit(status if isinstance(status, int) else 0)


@app.command()
def check(
    lab: str = typer.Argument(..., help="lab folder name or number, e.g. 04"),
    notebook: Optional[Path] = typer.Argument(None, help="your notebook or .py (default: the lab's notebook)"),
    question: Optional[str] = typer.Option(None, "--question", "-q", help="only this question"),
) -> None:
    """Run the public tests on your work."""
    from autograder.commands import check as command

    _run(command.main, lab, notebook, question)


@app.command()
def grade(
    lab: str = typer.Argument(..., help="lab folder name or number"),
    submissions: Path = typer.Argument(..., help="folder with one file, folder or zip per student (or one submission file)"),
    out: Path = typer.Option(..., "--out", "-o", help="output folder for grades.csv, results/, feedback/"),
    sandbox: bool = typer.Option(True, "--sandbox/--no-sandbox", help="--no-sandbox: trusted mode, student code unsandboxed"),
    jobs: int = typer.Option(0, "--jobs", "-j", help="submissions graded at once (default: one per core)"),
    warm: bool = typer.Option(True, "--warm/--cold", help="--cold: a fresh interpreter per submission (slower)"),
    executor: str = typer.Option("local", "--executor", help="local (processes on this machine) or dask"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (default: a LocalCluster)"),
    regrade: list[str] = typer.Option([], "--regrade", help="grade this student again even if stored (repeatable)"),
    regrade_all: bool = typer.Option(False, "--regrade-all", help="grade every submission again"),
    roster: Optional[Path] = typer.Option(None, "--roster", help="the LMS's gradebook CSV (Canvas, Moodle worksheet, or id/login/name/email columns)"),
    keep: str = typer.Option("latest", "--keep", help="which of a student's LMS resubmissions is graded: latest or first"),
    due: Optional[str] = typer.Option(None, "--due", help="due date and time, ISO 8601 (2026-10-05T23:59[+02:00]); enables late penalties"),
    late_penalty: float = typer.Option(10.0, "--late-penalty", help="percent of the maximum score off per day (or part of one) late"),
    late_cap: float = typer.Option(100.0, "--late-cap", help="largest late penalty, in percent of the maximum score"),
    grace_minutes: float = typer.Option(0.0, "--grace-minutes", help="minutes after --due that are not late"),
    decimals: int = typer.Option(2, "--round", help="decimals of the scores in the LMS import file"),
    lms_column: Optional[str] = typer.Option(None, "--lms-column", help="the import file's grade column (default: the roster's column naming the lab)"),
    similarity_threshold: float = typer.Option(0.5, "--similarity-threshold", help="list pairs sharing at least this share of code in similarity.html"),
    similarity: bool = typer.Option(True, "--similarity/--no-similarity", help="write the similarity report (never a grade)"),
) -> None:
    """Bulk-grade a class's submissions into a gradebook."""
    from autograder.commands.grade_arguments import GradebookOptions, check_grade_arguments, check_gradebook_options

    def checked_then_graded() -> object:
        options = GradebookOptions(
            roster, keep, due, late_penalty, late_cap, grace_minutes, decimals, lms_column, similarity_threshold if similarity else None,
        )
        check_grade_arguments(lab, submissions, out, jobs, executor, scheduler)  # before the heavy imports
        check_gradebook_options(options)
        from autograder.commands import grade as command

        return command.main(lab, submissions, out, sandbox, jobs, warm, executor, scheduler, tuple(regrade), regrade_all, options)

    _run(checked_then_graded)


@app.command()
def validate(
    lab: Optional[str] = typer.Argument(None, help="lab to validate (default: all)"),
    sandbox: bool = typer.Option(True, "--sandbox/--no-sandbox", help="grade in the sandbox, as `grade` does"),
    jobs: int = typer.Option(0, "--jobs", "-j", help="gradings at once (default: one per core)"),
) -> None:
    """Solution full marks, skeleton zero, each mutant loses its points."""
    from autograder.commands import validate as command

    _run(command.main, lab, sandbox, jobs)


@app.command()
def release(
    out: Path = typer.Option(..., "--out", "-o", help="new, empty folder for the student release"),
    student_package_url: str = typer.Option(
        "", "--student-package-url",
        help="where you will publish the student wheel (its URL or path, or a page or folder listing it); "
        "the notebooks' first cell installs it from there",
    ),
    student_package_version: str = typer.Option(
        __version__, "--student-package-version", help="the student package's version; bump it when you re-release",
    ),
) -> None:
    """Write the student release: labs, public tests and the student package; no solutions, no hidden tests."""
    from autograder.commands import release as command

    _run(command.main, out, student_package_url, student_package_version)


@app.command()
def generate(
    lab: Optional[str] = typer.Argument(None, help="lab to generate (default: all)"),
    check_only: bool = typer.Option(False, "--check", help="only report stale notebooks"),
) -> None:
    """Generate student notebooks from the instructor sources."""
    from autograder.commands import generate as command

    _run(command.main, lab, check_only)


@app.command()
def gradescope(
    lab: str = typer.Argument(..., help="lab folder name or number"),
    out: Path = typer.Option(..., "--out", "-o", help="the .zip to write (it holds the hidden tests: instructors only)"),
    allow_unsandboxed: bool = typer.Option(
        False, "--allow-unsandboxed",
        help="where the container cannot start the sandbox, grade anyway in trusted mode (default: refuse)",
    ),
) -> None:
    """Build a Gradescope autograder bundle (setup.sh, run_autograder, the lab) for one lab."""
    from autograder.commands import gradescope as command

    _run(command.main, lab, out, allow_unsandboxed)


@app.command()
def nbgrader(
    lab: str = typer.Argument(..., help="lab folder name or number"),
    course: Path = typer.Option(..., "--course", help="the nbgrader course folder (holding source/)"),
    assignment: Optional[str] = typer.Option(None, "--assignment", help="assignment name (default: the lab id)"),
) -> None:
    """Export a lab as an nbgrader source assignment (solutions and autograded cells marked)."""
    from autograder.commands import nbgrader as command

    _run(command.main, lab, course, assignment)


def main() -> None:
    set_log_levels()
    app(prog_name="python -m autograder")


if __name__ == "__main__":
    sys.exit(main())
