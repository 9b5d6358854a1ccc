"""The Otter-Grader anchor: the same class graded by Otter-Grader 7's `otter run` (non-containerized).

Otter lives in the benchmark's own virtual environment (`.benchmark-venvs/otter`, created on
first use, never in requirements.txt); it sees TensorFlow and this package through a `.pth`
file naming the grader's environment, so both grade with the same libraries. Each question of
the lab becomes one Otter exception-based test file whose test case runs that question's
public and hidden tests on the notebook's globals, as an instructor wrapping these tests for
Otter would write them. `otter run` grades one submission per call, so the class is graded
one notebook after another, as `nbgrader autograde` does.
"""

from __future__ import annotations

import json
import site
import subprocess
import sys
import time
from pathlib import Path

from autograder.lab import Lab

OTTER_REQUIREMENT = "otter-grader==7.0.0"
VENV = Path(__file__).resolve().parents[1] / ".benchmark-venvs" / "otter"

TEST_FILE = '''"""Otter test for question {question!r} of lab {lab!r}: the lab's own tests of that question."""

from otter.test_files import test_case

OK_FORMAT = False
name = {question!r}
points = {points!r}


@test_case(points={points!r}, hidden=False)
def lab_tests(env):
    from autograder.lab import find_lab
    from autograder.local_check import check_definitions

    assert check_definitions(find_lab({lab!r}), env, [], "", {question!r}, hidden=True)
'''


def otter_python() -> Path:
    """The interpreter of the Otter environment, created (Otter installed from the package
    index, the grader's environment added after its own packages) on first use."""
    python = VENV / "bin" / "python"
    if python.exists():
        return python
    subprocess.run([sys._base_executable, "-m", "venv", str(VENV)], check=True)
    grader_packages = site.getsitepackages()[0]
    (next(VENV.glob("lib/python*/site-packages")) / "grader-environment.pth").write_text(
        f"import site; site.addsitedir({grader_packages!r})\n"
    )
    subprocess.run([str(python), "-m", "pip", "install", "-q", OTTER_REQUIREMENT], check=True)
    return python


def write_otter_tests(lab: Lab, folder: Path) -> None:
    """One exception-based test file per question of `lab` in `folder`."""
    folder.mkdir(parents=True)
    for question in lab.questions:
        source = TEST_FILE.format(lab=lab.id, question=question.id, points=question.points)
        (folder / f"{question.id}.py").write_text(source)


def time_otter(lab: Lab, notebooks: list[Path], root: Path) -> tuple[float, list[float]]:
    """`otter generate` once, then `otter run` on each notebook: the wall time of the runs and
    each submission's score."""
    python = otter_python()
    write_otter_tests(lab, root / "tests")
    otter = [str(python), "-m", "otter"]
    subprocess.run([*otter, "generate", "--no-requirements", "--no-environment"], cwd=root, check=True, capture_output=True)
    scores = []
    started = time.monotonic()
    for index, notebook in enumerate(notebooks):
        out = root / "results" / f"{index:03d}"
        out.mkdir(parents=True)
        subprocess.run(
            [*otter, "run", "-a", "autograder.zip", "-o", str(out), "--no-logo", str(notebook)],
            cwd=root, check=True, capture_output=True,
        )
        scores.append(_total_score(out / "results.json"))
    return time.monotonic() - started, scores


def _total_score(results: Path) -> float:
    """The sum of the test files' scores in Otter's results.json (its first entry, the public
    tests' summary, has none)."""
    return sum(test["score"] for test in json.loads(results.read_text())["tests"] if test.get("score") is not None)
