"""A run stopped by Ctrl-C or killed keeps every finished result, leaves no grading process
behind, and a rerun grades only the rest."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.integration.test_bulk_grading import CORRECT, HALF, environment, grade_command, rows, write_class

SLOW = CORRECT.replace("return a + b", "import time\n    time.sleep(1)\n    return a + b")


def descendants(pid: int) -> set[int]:
    """Every live process below `pid`, from /proc (grading processes, sandboxes, zygotes, workers)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    """The processes of `pids` still running (zombies count as gone)."""
    running = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.add(pid)
    return running


def start_and_wait_for(folder: Path, out: Path, results: int, *extra: str) -> tuple[subprocess.Popen, set[int]]:
    """Start `grade` and return once `results` results are stored, with its process tree then."""
    run = subprocess.Popen(grade_command(folder, out, *extra), env=environment(), stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while len(list((out / "results").glob("*.json"))) < results:
        assert run.poll() is None and time.monotonic() < deadline, "the run ended before it could be stopped"
        time.sleep(0.1)
    return run, descendants(run.pid)


def gone_within(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive(pids)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_soon_keeps_finished_results_and_the_rerun_grades_the_rest(tmp_path: Path, jobs: str):
    folder, out = tmp_path / "class", tmp_path / "out"
    write_class(folder, {f"s{i:02d}": SLOW if i % 2 else HALF for i in range(12)})
    run, tree = start_and_wait_for(folder, out, 2, "--jobs", jobs)
    assert tree, "grade started no grading or worker process"
    run.send_signal(signal.SIGINT)  # what Ctrl-C sends to the command
    interrupted = time.monotonic()
    _, stderr = run.communicate(timeout=60)
    stop_s = time.monotonic() - interrupted
    print(f"\n--jobs {jobs}: stopped {stop_s:.1f} s after Ctrl-C")
    assert run.returncode == 130, stderr
    assert stop_s < 20, f"Ctrl-C took {stop_s:.1f} s"  # it waited for every running submission before (about 45 s)
    assert "stopped:" in stderr and "rerun the same command" in stderr and "Traceback" not in stderr, stderr
    assert not gone_within(tree, 10), "a grading process, sandbox or worker outlived the stopped run"
    kept = {p.stem: p.stat().st_mtime_ns for p in (out / "results").glob("*.json")}
    assert 2 <= len(kept) < 12
    assert set(rows(out)) == set(kept), "the gradebook holds exactly the finished results"
    assert (out / "summary.html").is_file()
    assert not list(out.rglob("*.partial"))

    resumed = subprocess.run(grade_command(folder, out, "--jobs", jobs), env=environment(), capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert f"resuming: {len(kept)} submission(s) already graded, {12 - len(kept)} to go" in resumed.stderr
    assert all((out / "results" / f"{name}.json").stat().st_mtime_ns == mtime for name, mtime in kept.items())
    graded = rows(out)
    assert {name: row["score"] for name, row in graded.items()} == {f"s{i:02d}": "5" if i % 2 else "3" for i in range(12)}


def test_a_killed_run_takes_its_grading_processes_with_it(tmp_path: Path):
    folder, out = tmp_path / "class", tmp_path / "out"
    write_class(folder, {f"s{i:02d}": SLOW for i in range(8)})
    run, tree = start_and_wait_for(folder, out, 2, "--jobs", "2")
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=60)
    assert not gone_within(tree, 15), "grading processes kept running after grade was killed"
    # grades.csv is rewritten just after each result is stored: a kill in between leaves it one behind, never ahead
    assert set(rows(out)) <= {p.stem for p in (out / "results").glob("*.json")}, "grades.csv holds only stored results"


def test_grades_csv_is_readable_mid_run(tmp_path: Path):
    """grades.csv is rewritten as results arrive: a reader mid-run sees whole rows only."""
    folder, out = tmp_path / "class", tmp_path / "out"
    write_class(folder, {f"s{i:02d}": SLOW for i in range(6)})
    run, _ = start_and_wait_for(folder, out, 3, "--jobs", "1")
    try:
        middle = rows(out)  # rewritten after each stored result: at least the first two rows are there
        assert len(middle) >= 2 and all(row["score"] == "5" and row["status"] == "graded" for row in middle.values())
    finally:
        run.send_signal(signal.SIGINT)
        run.communicate(timeout=60)
    assert os.path.exists(out / "grades.csv")
