"""The grading progress line: who is being graded and an ETA from finished submissions only."""

from __future__ import annotations

import io

from rich.console import Console

from autograder.report.progress import GradingProgress, eta_text, in_flight_text
from tests.unit.result_factory import make_result


def test_no_estimate_before_two_results_so_start_up_is_not_spread_over_the_class():
    assert eta_text([], 10) == "ETA after 2 results"
    assert eta_text([100.0], 10) == "ETA after 2 results"


def test_the_estimate_is_the_pace_between_finished_submissions():
    assert eta_text([100.0, 102.0, 104.0], 5) == "ETA 10 s"  # 2 s each, whatever came before the first
    assert eta_text([0.0, 30.0], 7) == "ETA 3 min 30 s"
    assert eta_text([0.0, 30.0], 0) == ""


def test_the_submissions_in_flight_are_the_first_waiting_ones():
    assert in_flight_text(["a", "b", "c"], 1) == "now: a"
    assert in_flight_text(["a", "b", "c", "d", "e"], 5) == "now: a, b, c +2"
    assert in_flight_text([], 2) == ""


def test_the_line_counts_statuses_and_moves_on_to_the_next_student():
    output = io.StringIO()
    console = Console(file=output, force_terminal=True, width=200)
    with GradingProgress(console, "00_toy", ["alice", "bob", "carol"], 1) as progress:
        progress.finished(make_result(student="alice", status="graded"))
        progress.finished(make_result(student="bob", status="timeout"))
    shown = output.getvalue()
    assert "grading 00_toy" in shown and "2/3" in shown and "graded 1 timeout 1" in shown and "now: carol" in shown, shown
    assert "ETA " in shown


def test_names_are_shown_as_text_never_as_rich_markup():
    output = io.StringIO()
    with GradingProgress(Console(file=output, force_terminal=True, width=200), "00_toy", ["[bold red]x", "y"], 1):
        pass
    assert "now: [bold red]x" in output.getvalue()
