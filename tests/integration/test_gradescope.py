"""The Gradescope bundle end to end: build it, lay it out as Gradescope does, run `run_autograder`.

A temporary root stands in for /autograder (source/ = the unzipped bundle, submission/,
results/); `run_autograder` runs with AUTOGRADER_GRADESCOPE_ROOT pointing there and this venv's
Python (setup.sh is only checked, not run: it installs system packages). results.json is
checked against Gradescope's spec, and hidden tests' messages must not reach it.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder.errors import UserError
from autograder.extract import extract_definitions, read_code_cells
from autograder.lab import Lab, find_lab
from autograder.mutants import mutate
from autograder.report.feedback import _CATEGORY_TEXT
from tests.conftest import REPO, TOY_COURSE
from tests.fixtures.gradescope_spec import check_gradescope_schema

CORRECT = "import numpy as np\n\ndef add(a, b):\n    return a + b\n\ndef scale(x, k):\n    return np.asarray(x) * k\n"
WRONG_ADD = CORRECT.replace("a + b", "a * b")


# --- helpers -----------------------------------------------------------------------------------


def build(lab_name: str, out: Path, course_root: Path | None, monkeypatch) -> Path:
    from autograder.commands.gradescope import main

    if course_root is None:
        monkeypatch.delenv("AUTOGRADER_COURSE_ROOT", raising=False)
    else:
        monkeypatch.setenv("AUTOGRADER_COURSE_ROOT", str(course_root))
    assert main(lab_name, out) == 0
    return out


def gradescope_root(bundle: Path, root: Path, files: dict[str, bytes]) -> Path:
    """/autograder as Gradescope lays it out before running run_autograder."""
    (root / "source").mkdir(parents=True)
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
        for info in archive.infolist():  # extractall drops permissions; Gradescope keeps them
            mode = info.external_attr >> 16
            if mode:
                os.chmod(root / "source" / info.filename, stat.S_IMODE(mode))
    shutil.copy2(root / "source" / "run_autograder", root / "run_autograder")
    (root / "submission").mkdir()
    for name, data in files.items():
        path = root / "submission" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "results").mkdir()
    (root / "submission_metadata.json").write_text(json.dumps({"users": [{"email": "student@example.edu", "name": "A Student"}]}))
    return root


def run_autograder(root: Path, path_prefix: Path | None = None) -> tuple[dict, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUTOGRADER_")}
    env.update(AUTOGRADER_GRADESCOPE_ROOT=str(root), AUTOGRADER_PYTHON=sys.executable)
    if path_prefix is not None:
        env["PATH"] = f"{path_prefix}:{env.get('PATH', '/usr/bin:/bin')}"
    completed = subprocess.run(
        [str(root / "run_autograder")], cwd=root, env=env, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    results = root / "results" / "results.json"
    assert results.is_file(), completed.stdout + completed.stderr
    return json.loads(results.read_text()), completed.stdout


def library_hidden_messages(lab_dir: Path, name: str, source: bytes) -> list[str]:
    """The hidden tests' failure messages when the library grades `source` (in a separate process,
    as grading several labs' tests in one process is not this test's business)."""
    script = (
        "import json, sys; from pathlib import Path\n"
        "from autograder.grading import grade_submission; from autograder.lab import load_lab\n"
        "from autograder.submissions import Submission; from autograder.worker.backend import ColdBackend\n"
        "r = grade_submission(load_lab(Path(sys.argv[1])), Submission('s', sys.argv[2], sys.stdin.buffer.read()), ColdBackend())\n"
        "print(json.dumps([t.message for t in r.tests if t.visibility == 'hidden' and not t.passed]))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script, str(lab_dir), name], input=source, capture_output=True, timeout=300, cwd=REPO,
    )
    assert completed.returncode == 0, completed.stderr.decode()
    return json.loads(completed.stdout.decode().strip().splitlines()[-1])


def hidden_hints(lab_dir: Path) -> dict[str, str]:
    """Each hidden test function's hint (first docstring line), read from its source."""
    hints = {}
    for path in (lab_dir / "tests" / "hidden").rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                doc = (ast.get_docstring(node) or "").strip()
                hints[node.name] = doc.splitlines()[0] if doc else node.name.replace("_", " ")
    return hints


def assert_hidden_tests_show_name_and_hint_only(data: dict, lab_dir: Path) -> None:
    """Every hidden row's output is exactly its hint and a verdict: nothing else can leak."""
    hints = hidden_hints(lab_dir)
    verdicts = {"Passed."} | {f"Failed: {text}." for text in _CATEGORY_TEXT.values()}
    hidden = [t for t in data["tests"] if t["visibility"] != "visible"]
    assert hidden and all(t["visibility"] == "after_published" for t in hidden)
    for test in hidden:
        function = re.sub(r"\[.*\]$", "", test["name"].rsplit(": ", 1)[1].removesuffix(" (hidden)"))
        hint, _, verdict = test["output"].rpartition("\n")
        assert hint == hints[function] and verdict in verdicts, test


def notebook_bytes(source: str) -> bytes:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# my lab"), nbformat.v4.new_code_cell(source)])
    return nbformat.writes(notebook).encode()


# --- the toy lab -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def toy_bundle(tmp_path_factory) -> Path:
    monkeypatch = pytest.MonkeyPatch()
    try:
        return build("00", tmp_path_factory.mktemp("bundle") / "toy-bundle.zip", TOY_COURSE, monkeypatch)
    finally:
        monkeypatch.undo()


def test_bundle_holds_scripts_package_lab_and_requirements(toy_bundle: Path):
    with zipfile.ZipFile(toy_bundle) as archive:
        names = set(archive.namelist())
        modes = {info.filename: info.external_attr >> 16 for info in archive.infolist()}
        requirements = archive.read("requirements.txt")
        metadata = json.loads(archive.read("gradescope.json"))
        setup = archive.read("setup.sh").decode()
        runner = archive.read("run_autograder").decode()
    assert {"setup.sh", "run_autograder", "requirements.txt", "gradescope.json"} <= names
    assert {"autograder/__init__.py", "autograder/gradescope/run.py", "autograder/docker/smoke.py"} <= names
    assert {"labs/00_toy/lab.toml", "labs/00_toy/tests/public/test_public.py", "labs/00_toy/tests/hidden/test_hidden.py"} <= names
    assert not any(n.startswith("solutions/") or "__pycache__" in n or n.endswith(".pyc") for n in names)
    assert not any(n.startswith("labs/") and not n.startswith("labs/00_toy/") for n in names), "only the one lab"
    assert requirements == (REPO / "requirements.txt").read_bytes()
    assert metadata["lab"] == "00_toy" and metadata["max_score"] == 5.0
    assert modes["setup.sh"] & 0o111 and modes["run_autograder"] & 0o111
    # setup.sh is not run here (it installs system packages); check that it is there and sane
    for script in (setup, runner):
        assert script.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in script
    assert "python3.11 -m venv" in setup and '-r "$SOURCE/requirements.txt"' in setup
    assert "bubblewrap" in setup and "-m autograder.docker.smoke" in setup
    assert "-m autograder.gradescope.run" in runner and "AUTOGRADER_GRADESCOPE_ROOT:-/autograder" in runner
    with zipfile.ZipFile(toy_bundle) as archive:
        for name in ("setup.sh", "run_autograder"):
            syntax = subprocess.run(["bash", "-n"], input=archive.read(name), capture_output=True)
            assert syntax.returncode == 0, syntax.stderr


def test_bundle_is_reproducible(toy_bundle: Path, tmp_path: Path, monkeypatch):
    again = build("00", tmp_path / "again.zip", TOY_COURSE, monkeypatch)
    assert again.read_bytes() == toy_bundle.read_bytes()


def test_correct_submission_gets_full_marks(toy_bundle: Path, tmp_path: Path):
    root = gradescope_root(toy_bundle, tmp_path / "autograder", {"toy.ipynb": notebook_bytes(CORRECT)})
    data, stdout = run_autograder(root)
    check_gradescope_schema(data, 5.0)
    assert data["score"] == 5.0
    assert all(t["status"] == "passed" and t["score"] == t["max_score"] for t in data["tests"])
    assert {t["visibility"] for t in data["tests"]} == {"visible", "after_published"}
    hidden = [t for t in data["tests"] if "test_add_negative" in t["name"]]
    assert hidden and hidden[0]["visibility"] == "after_published"
    assert [t["visibility"] for t in data["tests"] if "test_add_small" in t["name"]] == ["visible"]
    assert data["extra_data"]["status"] == "graded" and data["extra_data"]["source_name"].endswith("toy.ipynb")
    assert_hidden_tests_show_name_and_hint_only(data, TOY_COURSE / "labs" / "00_toy")
    assert f"autograder package: {root / 'source' / 'autograder'}" in stdout, "graded with the bundle's own package"


def test_wrong_submission_shows_public_failures_and_hides_hidden_messages(toy_bundle: Path, tmp_path: Path, toy_lab: Lab):
    files = {"work/toy.py": WRONG_ADD.encode(), "work/scratch.txt": b"notes", "__MACOSX/._toy.py": b"junk"}
    root = gradescope_root(toy_bundle, tmp_path / "autograder", files)
    data, _ = run_autograder(root)
    check_gradescope_schema(data, 5.0)
    assert data["score"] == 3.0
    by_name = {t["name"].rsplit(": ", 1)[1].removesuffix(" (hidden)"): t for t in data["tests"]}
    public = by_name["test_add_small"]
    assert public["status"] == "failed" and public["visibility"] == "visible" and public["score"] == 0
    assert "expected 5, got 6" in public["output"], "a public failure shows its message"
    hidden = by_name["test_add_negative"]
    assert hidden["status"] == "failed" and hidden["visibility"] == "after_published"
    assert hidden["output"] == "add handles negative numbers.\nFailed: wrong answer.", "a hidden test shows name and hint only"
    assert_hidden_tests_show_name_and_hint_only(data, toy_lab.path)
    text = (root / "results" / "results.json").read_text()
    hidden_messages = library_hidden_messages(toy_lab.path, "toy.py", WRONG_ADD.encode())
    assert hidden_messages and set(hidden_messages) <= set(_CATEGORY_TEXT.values()), "the judge writes hidden messages itself"
    assert "-28" not in text  # add(-7, 4) with a * b: the hidden test's actual value


@pytest.mark.parametrize(
    "files, reason",
    [
        ({}, "holds no .ipynb or .py file"),
        ({"toy.ipynb": b"{ not json"}, "not valid JSON"),
        ({"a.ipynb": notebook_bytes(CORRECT), "b.ipynb": notebook_bytes(CORRECT)}, "candidate files"),
    ],
)
def test_unusable_submission_still_gets_valid_results(toy_bundle: Path, tmp_path: Path, files, reason):
    root = gradescope_root(toy_bundle, tmp_path / "autograder", files)
    data, _ = run_autograder(root)
    check_gradescope_schema(data, 5.0)
    assert data["score"] == 0 and data["extra_data"]["status"] == "unreadable"
    assert reason in data["output"]
    assert all(t["visibility"] == "visible" and reason in t["output"] for t in data["tests"])


def test_broken_bundle_still_writes_results(toy_bundle: Path, tmp_path: Path):
    root = gradescope_root(toy_bundle, tmp_path / "autograder", {"toy.py": CORRECT.encode()})
    (root / "source" / "gradescope.json").unlink()
    data, stdout = run_autograder(root)
    assert data["score"] == 0 and data["tests"] == [] and "could not grade" in data["output"]
    assert "FileNotFoundError" in stdout


def test_bad_input_is_a_user_error(tmp_path: Path, monkeypatch):
    from autograder.commands.gradescope import main

    monkeypatch.setenv("AUTOGRADER_COURSE_ROOT", str(TOY_COURSE))
    with pytest.raises(UserError, match="no lab named '99'"):
        main("99", tmp_path / "b.zip")
    with pytest.raises(UserError, match="must name a .zip"):
        main("00", tmp_path / "bundle.tar")
    (tmp_path / "dir.zip").mkdir()
    with pytest.raises(UserError, match="is a folder"):
        main("00", tmp_path / "dir.zip")


# --- lab 04 (TensorFlow) -----------------------------------------------------------------------


@pytest.mark.slow
def test_lab04_bundle_grades_solution_and_mutant(tmp_path: Path, monkeypatch):
    bundle = build("04", tmp_path / "lab04.zip", None, monkeypatch)
    lab = find_lab("04")
    source = lab.solution_dir / "weight_init.py"
    solution_module = extract_definitions(read_code_cells(source.name, source.read_bytes())).module_source
    mutant = mutate(solution_module, (lab.solution_dir / "mutants" / "he_fan_out.py").read_text())
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
    assert "labs/04_weight_init/tests/hidden/test_hidden.py" in names
    assert not any(n.startswith("solutions/") or "/mutants/" in n for n in names)

    root = gradescope_root(bundle, tmp_path / "correct", {"weight_init.py": source.read_bytes()})
    data, _ = run_autograder(root)
    check_gradescope_schema(data, lab.max_score)
    assert data["score"] == lab.max_score, data["output"]

    root = gradescope_root(bundle, tmp_path / "wrong", {"weight_init.py": mutant.encode()})
    data, _ = run_autograder(root)
    check_gradescope_schema(data, lab.max_score)
    lost = {t["tags"][0] for t in data["tests"] if t["score"] < t["max_score"]}
    assert lost == {"he"}, data["output"]
    failed_hidden = [t for t in data["tests"] if t["visibility"] == "after_published" and t["status"] == "failed"]
    assert failed_hidden, "the mutant fails hidden tests too"
    assert_hidden_tests_show_name_and_hint_only(data, lab.path)
    assert "assert" not in data["output"].lower() and "Error" not in data["output"]


# --- a container where bubblewrap cannot start (Docker's default seccomp profile and capabilities)


def failing_bwrap(folder: Path) -> Path:
    """A `bwrap` first on PATH that fails as it does under Docker's default profile."""
    folder.mkdir()
    script = folder / "bwrap"
    script.write_text("#!/bin/sh\necho 'bwrap: No permissions to creating new namespace' >&2\nexit 1\n")
    script.chmod(0o755)
    return folder


def test_no_sandbox_means_no_grading_by_default(toy_bundle: Path, tmp_path: Path):
    """A submission that would forge full marks if run unsandboxed gets 0 and a results.json saying why."""
    forger = CORRECT + "\nimport pathlib\nFORGED = pathlib.Path('/autograder/results').exists()\n"
    root = gradescope_root(toy_bundle, tmp_path / "root", {"toy.py": forger.encode()})
    data, stdout = run_autograder(root, failing_bwrap(tmp_path / "bin"))
    assert data["score"] == 0 and data["tests"] == [] and data["extra_data"]["status"] == "grader-error"
    assert "cannot sandbox student code" in data["output"] and "--allow-unsandboxed" in data["output"]
    assert "refusing to grade unsandboxed" in stdout
    assert "graded:" not in stdout, "no student code may have run"


def test_instructor_can_allow_unsandboxed_grading(tmp_path: Path, monkeypatch):
    from autograder.commands.gradescope import main

    monkeypatch.setenv("AUTOGRADER_COURSE_ROOT", str(TOY_COURSE))
    bundle = tmp_path / "allowing.zip"
    assert main("00", bundle, allow_unsandboxed=True) == 0
    with zipfile.ZipFile(bundle) as archive:
        assert json.loads(archive.read("gradescope.json"))["allow_unsandboxed"] is True
    root = gradescope_root(bundle, tmp_path / "root", {"toy.py": CORRECT.encode()})
    data, stdout = run_autograder(root, failing_bwrap(tmp_path / "bin"))
    check_gradescope_schema(data, 5)
    assert data["score"] == 5
    assert "grading in trusted mode as the bundle allows" in stdout


def test_default_bundle_does_not_allow_unsandboxed(toy_bundle: Path):
    with zipfile.ZipFile(toy_bundle) as archive:
        assert json.loads(archive.read("gradescope.json"))["allow_unsandboxed"] is False
