"""Throughput benchmark: this grader (warm, cold) against `nbgrader autograde` and Otter-Grader's `otter run`, same class, one run.

    .venv/bin/python benchmarks/grading_throughput.py [--size 40] [--jobs 2] [--lab 04] [--baseline REV]

Otter-Grader runs from the benchmark's own environment, created on first use (see otter_anchor.py).

Prints submissions per minute for each way, the ratios, what misconception diagnosis adds to
warm grading (a warm run with it off), this grader's per-submission overhead
(wall time per submission per job minus the time the worker spent in the submission's code,
`student_code_s` of each result), the median of that overhead inside each submission's grading,
and the scaling from one job to `--jobs`.
`--baseline REV` also grades the class warm with the grader (and labs) of git revision REV,
exported to a temporary folder, and prints this grader's warm throughput relative to it.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_class import make_class, solved_notebook  # noqa: E402
from otter_anchor import time_otter  # noqa: E402

from autograder.diagnosis import SWITCH  # noqa: E402
from autograder.diagnosis.profiles import cache_dir, lab_profiles  # noqa: E402
from autograder.lab import Lab, find_lab  # noqa: E402
from autograder.reference_store import lab_folder  # noqa: E402
from autograder.results import SubmissionResult  # noqa: E402

ASSIGNMENT = "lab"


def time_ours(
    lab: Lab, folder: Path, out: Path, jobs: int, warm: bool, checkout: Path | None = None, diagnose: bool = True,
    stored_references: bool = True,
) -> tuple[float, list[SubmissionResult]]:
    """Grade with this grader, or with the one in `checkout` (its package comes first on sys.path from its folder;
    it keeps its misconception profiles in a cache of its own, built before the clock starts). Without
    `stored_references`, the run starts with an empty reference store (the profiles copied to a cache of its own)."""
    command = [sys.executable, "-m", "autograder", "grade", lab.id, str(folder), "--out", str(out), "--jobs", str(jobs)]
    env = {**os.environ, **({} if diagnose else {SWITCH: "off"})}
    if not stored_references:
        cache = out.parent / f"{out.name}-cache"
        shutil.copytree(cache_dir(), cache / cache_dir().name)
        env["AUTOGRADER_CACHE"] = str(cache)
    if checkout is not None:  # another grader's profiles have another fingerprint: building them would evict ours
        env["AUTOGRADER_CACHE"] = str(checkout.parent / f"{checkout.name}-cache")
        build = f"from autograder.diagnosis.profiles import lab_profiles\nfrom autograder.lab import find_lab\nlab_profiles(find_lab({lab.id!r}))"
        subprocess.run([sys.executable, "-c", build], check=True, capture_output=True, cwd=checkout, env=env)
    started = time.monotonic()
    subprocess.run([*command, "--warm" if warm else "--cold"], check=True, capture_output=True, cwd=checkout, env=env)
    elapsed = time.monotonic() - started
    return elapsed, [SubmissionResult.from_json(p.read_text()) for p in sorted((out / "results").glob("*.json"))]


def _test_cell(lab: Lab) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(f"from autograder.notebook import checker\nassert checker({lab.id!r})(None, hidden=True)")
    cell.metadata["nbgrader"] = {
        "grade": True, "grade_id": "all_tests", "locked": True, "points": lab.max_score,
        "schema_version": 3, "solution": False, "task": False,
    }
    return cell


def time_nbgrader(lab: Lab, notebooks: list[Path], root: Path) -> float:
    """`nbgrader autograde` on the same notebooks, each with one autograded cell running every test."""
    name = lab.notebook
    (root / "source" / ASSIGNMENT).mkdir(parents=True)
    (root / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'benchmark'\nc.ExecutePreprocessor.timeout = 900\n"
    )
    source = solved_notebook(lab)
    source.cells.append(_test_cell(lab))
    nbformat.write(source, root / "source" / ASSIGNMENT / name)
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"  # nbgrader runs `alembic`
    run = {"cwd": root, "check": True, "capture_output": True, "env": {**os.environ, "PATH": path}}
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", ASSIGNMENT, "--force"], **run)
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        notebook.cells.append(copy.deepcopy(_test_cell(lab)))
        target = root / "submitted" / path.stem / ASSIGNMENT
        target.mkdir(parents=True)
        nbformat.write(notebook, target / name)
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--force"], **run)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--lab", default="04")
    parser.add_argument("--skip-nbgrader", action="store_true")
    parser.add_argument("--skip-otter", action="store_true")
    parser.add_argument("--skip-diagnosis", action="store_true", help="no warm run without misconception diagnosis")
    parser.add_argument("--skip-cold", action="store_true")
    parser.add_argument("--skip-fresh-store", action="store_true", help="no warm run that starts with an empty reference store")
    parser.add_argument("--skip-scaling", action="store_true", help="no warm run with --jobs 1")
    parser.add_argument("--baseline", metavar="REV", help="also grade warm with the grader of this git revision")
    args = parser.parse_args()
    lab = find_lab(args.lab)
    work = Path(tempfile.mkdtemp(prefix="autograder-benchmark-"))
    notebooks = make_class(lab, work / "class", args.size, setup_cell=not args.baseline)
    if args.baseline:  # an older grader does not know today's first cell and would import the checker from it
        print("the notebooks go without their first (checker set-up) cell, the same for every way graded")
    print(f"{args.size} submissions of {lab.id} ({sum(1 for i in range(args.size) if i % 3 == 0)} correct, the rest with one classic mistake each)")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; jobs={args.jobs}")
    started = time.monotonic()
    lab_profiles(lab)  # once per lab version, then on disk: not part of any grading below
    print(f"the lab's misconception profiles: {time.monotonic() - started:.1f} s (built once per lab version, or read from the cache)")
    stored = len(list(lab_folder(lab.path.resolve()).glob("*.frame")))
    print(f"the lab's stored references: {stored} (kept by an earlier grading of this lab version; the run "
          "'empty store' starts without them)")
    ways = [("this grader, warm workers", True, None, args.jobs, True, True)]
    if not args.skip_diagnosis:
        ways.append(("this grader, warm, no diagnosis", True, None, args.jobs, False, True))
    if not args.skip_fresh_store:
        ways.append(("this grader, warm, empty store", True, None, args.jobs, True, False))
    if not args.skip_cold:
        ways.append(("this grader, cold workers", False, None, args.jobs, True, True))
    if args.baseline:
        ways.append((f"{args.baseline[:12]}, warm workers", True, export_revision(args.baseline, work / "baseline"), args.jobs, True, True))
    if args.jobs > 1 and not args.skip_scaling:
        ways.append(("this grader, warm, --jobs 1", True, None, 1, True, True))
    rows, medians, mean_scores, results_of = [], {}, {}, {}
    for index, (label, warm, checkout, jobs, diagnose, stored_references) in enumerate(ways):
        elapsed, results = time_ours(lab, work / "class", work / f"out-{index}", jobs, warm, checkout, diagnose, stored_references)
        in_code = sum(r.student_code_s for r in results) / len(results)
        rows.append((label, elapsed, elapsed * jobs / len(results) - in_code))
        medians[label] = statistics.median(r.duration_s - r.student_code_s for r in results)
        mean_scores[label] = statistics.mean(r.score for r in results)
        results_of[label] = results
    if not args.skip_otter:
        elapsed, scores = time_otter(lab, notebooks, work / "otter")
        rows.append(("otter run (one after another)", elapsed, None))
        mean_scores["otter run (all or nothing per question)"] = statistics.mean(scores)
    if not args.skip_nbgrader:
        rows.append(("nbgrader autograde", time_nbgrader(lab, notebooks, work / "nbgrader"), None))
    anchors = {label: elapsed for label, elapsed, _ in rows if label.startswith(("nbgrader", "otter"))}
    header = "".join(f" {'vs ' + label.split()[0]:>11}" for label in anchors)
    print(f"\n{'way':32} {'wall s':>8} {'subs/min':>9}{header} {'overhead s/sub':>15}")
    for label, elapsed, overhead in rows:
        ratios = "".join(f" {anchor / elapsed:10.1f}x" for anchor in anchors.values())
        print(f"{label:32} {elapsed:8.1f} {60 * args.size / elapsed:9.1f}{ratios} {'' if overhead is None else f'{overhead:15.2f}'}")
    for label, median in medians.items():
        print(f"median overhead inside one submission's grading, {label}: {median:.2f} s")
    for label, mean in mean_scores.items():
        print(f"mean score, {label}: {mean:.2f} of {lab.max_score}")
    if not args.skip_diagnosis:
        without = next(elapsed for label, elapsed, _ in rows if label.endswith("no diagnosis"))
        named = sum(1 for r in results_of["this grader, warm workers"] for q in r.questions if q.misconceptions)
        print(f"diagnosis: warm grading takes {rows[0][1] / without - 1:+.1%} with it ({named} failed questions named a classic mistake)")
    if args.jobs > 1 and not args.skip_scaling:
        one_job = next(elapsed for label, elapsed, _ in rows if label.endswith("--jobs 1"))
        print(f"scaling: --jobs {args.jobs} grades {one_job / rows[0][1]:.2f}x as fast as --jobs 1")
    if args.baseline:
        older = next(elapsed for label, elapsed, _ in rows if label.startswith(args.baseline[:12]))
        print(f"\nwarm throughput vs {args.baseline}: {older / rows[0][1]:.3f}x (above 1: faster now)")
    shutil.rmtree(work, ignore_errors=True)


def export_revision(revision: str, folder: Path) -> Path:
    """The tree of `revision` (grader and labs) in `folder`, via git archive."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", revision], check=True, capture_output=True, cwd=Path(__file__).resolve().parents[1]).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


if __name__ == "__main__":
    main()
