"""`python -m autograder grade` end to end on the toy course: rows, files, resume, bad input."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from tests.conftest import TOY_COURSE

CORRECT = "import numpy as np\n\ndef add(a, b):\n    return a + b\n\ndef scale(x, k):\n    return np.asarray(x) * k\n"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "AUTOGRADER_COURSE_ROOT": str(TOY_COURSE)}
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture
def class_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "alice.py").write_text(CORRECT)
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# my work"),
        nbformat.v4.new_code_cell(CORRECT.replace("a + b", "a * b")),
        nbformat.v4.new_code_cell("for epoch in range(10**9):\n    pass"),
    ])
    (folder / "bob").mkdir()
    nbformat.write(notebook, folder / "bob" / "toy.ipynb")
    (folder / "bob" / "scratch.py").write_text("x = 1\n")
    with zipfile.ZipFile(folder / "carol.zip", "w") as archive:
        archive.writestr("carol/toy.ipynb", nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CORRECT)])))
        archive.writestr("__MACOSX/._toy.ipynb", "junk")
    (folder / "dave.ipynb").write_text("{ this is not json")
    (folder / "erin.py").write_text("def add(a, b):\n    raise NotImplementedError\n")
    (folder / "readme.txt").write_text("hello")
    (folder / ".DS_Store").write_text("")
    return folder


def test_grade_writes_gradebook_results_and_feedback(class_folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    completed = run_cli("grade", "00", str(class_folder), "--out", str(out))
    assert completed.returncode == 0, completed.stderr
    rows = {row["student"]: row for row in csv.DictReader((out / "grades.csv").open())}
    assert list(next(csv.reader((out / "grades.csv").open())))[:6] == ["student", "score", "max_score", "status", "add", "scale"]
    assert {name: (row["score"], row["status"]) for name, row in rows.items()} == {
        "alice": ("5", "graded"),
        "bob": ("3", "graded"),
        "carol": ("5", "graded"),
        "dave": ("0", "unreadable"),
        "erin": ("0", "missing-function"),
        "readme": ("0", "unreadable"),
    }
    assert "not valid JSON" in rows["dave"]["message"]
    result = json.loads((out / "results" / "bob.json").read_text())
    assert {t["name"] for t in result["tests"]} >= {"test_add_small", "test_add_negative"}
    assert all({"points", "max_points", "category", "message"} <= set(t) for t in result["tests"])
    feedback = (out / "feedback" / "bob.md").read_text()
    assert "hidden test `test_add_negative`" in feedback and "-3" not in feedback


def test_rerun_reuses_stored_results_and_regrades_changed_ones(class_folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert run_cli("grade", "00", str(class_folder), "--out", str(out)).returncode == 0
    stored = out / "results" / "alice.json"
    marker = json.loads(stored.read_text())
    marker["status_message"] = "kept from the first run"
    stored.write_text(json.dumps(marker))
    (class_folder / "erin.py").write_text(CORRECT)
    assert run_cli("grade", "00", str(class_folder), "--out", str(out)).returncode == 0
    rows = {row["student"]: row for row in csv.DictReader((out / "grades.csv").open())}
    assert rows["alice"]["message"] == "kept from the first run"
    assert rows["erin"]["score"] == "5"


@pytest.mark.parametrize(
    "args, expected",
    [
        (["grade", "99", ".", "--out", "x"], "no lab named '99'"),
        (["grade", "00", "/nonexistent/folder", "--out", "x"], "does not exist"),
        (["grade", "00", ".", "--out", "/nonexistent/out", "--jobs", "-2"], "--jobs -2: pass 0"),
        (["grade", "00", ".", "--out", "/nonexistent/out", "--executor", "ray"], "unknown executor 'ray'"),
        (["grade", "00", ".", "--out", "/nonexistent/out", "--scheduler", "tcp://h:8786"], "--scheduler needs --executor dask"),
        (["grade", "00", ".", "--out", "pyproject.toml"], "is a file; pass a folder"),
        (["grade", "00", "tests", "--out", "tests/out"], "is inside the submissions"),
        (["grade", "00", ".", "--out", "/nonexistent/out", "--due", "friday"], "--due 'friday' is not a date"),
        (["grade", "00", ".", "--out", "/nonexistent/out", "--roster", "/nonexistent/roster.csv"], "is not a file"),
        (["grade", "00", ".", "--out", "/nonexistent/out", "--roster", "pyproject.toml"], "has no student column"),
        (["grade", "00", ".", "--out", "/nonexistent/out", "--late-cap", "150"], "--late-cap 150"),
        (["grade", "00", ".", "--out", "/nonexistent/out", "--keep", "best"], "--keep best"),
        (["grade", "00", ".", "--out", "/nonexistent/out", "--round", "9"], "--round 9"),
        (["grade", "00", ".", "--out", "/nonexistent/out", "--lms-column", "Lab 1"], "--lms-column needs --roster"),
        (["grade", "00", ".", "--out", "/nonexistent/out", "--similarity-threshold", "2"], "--similarity-threshold 2"),
        (["check", "00", "/nonexistent/nb.ipynb"], "does not exist"),
        (["check", "00", "--question", "nope"], "has no question 'nope'"),
    ],
)
def test_bad_input_gets_one_line_and_exit_2(args, expected):
    completed = run_cli(*args)
    assert completed.returncode == 2
    assert expected in completed.stderr
    assert "Traceback" not in completed.stderr and len(completed.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [
    ["grade", "99", ".", "--out", "x"], ["grade", "00", ".", "--out", "/nonexistent/out", "--jobs", "-1"],
    ["grade", "00", ".", "--out", "/nonexistent/out", "--due", "friday"], ["grade", "00", ".", "--out", "x", "--roster", "pyproject.toml"],
])
def test_bad_grade_arguments_are_rejected_before_the_heavy_imports(args):
    """The arguments are checked before nbformat, the executors or TensorFlow are imported."""
    env = {**os.environ, "AUTOGRADER_COURSE_ROOT": str(TOY_COURSE)}
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "autograder", *args], capture_output=True, text=True, env=env, timeout=120,
    )
    assert completed.returncode == 2 and "error:" in completed.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in completed.stderr.splitlines() if line.startswith("import time:")}
    assert imported and not imported & {"nbformat", "tensorflow", "keras", "autograder.executors.local", "autograder.grading"}


def test_one_submission_file_is_a_class_of_one(class_folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    completed = run_cli("grade", "00", str(class_folder / "alice.py"), "--out", str(out), "--jobs", "1")
    assert completed.returncode == 0, completed.stderr
    rows = list(csv.DictReader((out / "grades.csv").open()))
    assert [(row["student"], row["score"], row["status"]) for row in rows] == [("alice", "5", "graded")]


def test_check_runs_public_tests_only(tmp_path: Path):
    notebook = tmp_path / "toy.py"
    notebook.write_text(CORRECT.replace("a + b", "a - b"))
    completed = run_cli("check", "00", str(notebook))
    assert completed.returncode == 1
    assert "test_add_small" in completed.stdout and "expected 5, got -1" in completed.stdout
    assert "test_add_negative" not in completed.stdout
    notebook.write_text(CORRECT)
    assert run_cli("check", "00", str(notebook)).returncode == 0
