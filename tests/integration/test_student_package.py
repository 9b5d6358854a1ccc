"""The student package, used as a student would: a fresh virtual environment, the lab notebook
alone in an empty folder, executed top to bottom by a real Jupyter kernel.

The fresh environment sees exactly the distributions the student package requires (and,
transitively, theirs), plus the Jupyter kernel: they are linked from the instructor's
environment into a folder of their own, so no test downloads TensorFlow and a library the
checker needs but does not declare fails to import, as it would for a student. The student
package itself is installed from the built wheel file, with `--no-deps` because the instructor's
environment holds `tensorflow-cpu` where the wheel asks for `tensorflow`. That the wheel's own
requirements resolve is checked against PyPI for Linux, macOS and Windows below.
"""

from __future__ import annotations

import importlib.metadata as metadata
import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from packaging.requirements import Requirement

from autograder.lab import find_lab
from autograder.notebooks.generate import render, solution_source, student_notebook
from autograder.release import build_release
from autograder.student_package import STUDENT_DEPENDENCIES
from tests.conftest import REPO

LAB = "04_weight_init"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "student"
    build_release(REPO, out, str(out / "dist" / "keras_lab_student-0.1.0-py3-none-any.whl"))
    return out


def _student_libraries(folder: Path) -> Path:
    """A folder linking the files of the student requirements' closure (and the kernel's)."""
    folder.mkdir()
    names = _closure([requirement_name(d) for d in STUDENT_DEPENDENCIES] + ["ipykernel"])
    for name in sorted(names):
        try:
            files = metadata.distribution("tensorflow-cpu" if name == "tensorflow" else name).files or []
        except metadata.PackageNotFoundError:
            continue
        for top in {file.parts[0] for file in files if ".." not in file.parts}:
            source = Path(sysconfig.get_paths()["purelib"], top)
            if source.exists() and not (folder / top).exists():
                (folder / top).symlink_to(source)
    return folder


def _fresh_environment(folder: Path) -> Path:
    """A new venv that sees the student requirements' libraries but not the autograder; its python."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    python = folder / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "student_libraries.pth").write_text(f"{_student_libraries(folder / 'libraries')}\n")
    probe = subprocess.run([python, "-c", "import autograder"], capture_output=True, text=True, cwd=folder)
    assert "No module named 'autograder'" in probe.stderr  # the instructor's editable install is not visible
    return python


def _kernel(python: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A Jupyter kernel spec running `python`; its name."""
    spec = folder / "kernels" / "student"
    spec.mkdir(parents=True)
    argv = [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "student", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(folder))
    for name in ("AUTOGRADER_COURSE_ROOT", "PYTHONPATH", "PYTHONSAFEPATH"):
        monkeypatch.delenv(name, raising=False)
    return "student"


def _run_notebook(notebook: nbformat.NotebookNode, folder: Path, kernel: str) -> nbformat.NotebookNode:
    """Copy the notebook alone into `folder` and execute it there, errors allowed."""
    folder.mkdir()
    path = folder / "lab.ipynb"
    path.write_text(render(notebook))
    executed = nbformat.read(path, as_version=4)
    NotebookClient(executed, timeout=600, kernel_name=kernel, allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return executed


def _text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", "") + str(output.get("data", {}).get("text/plain", "")))
        if output.get("output_type") == "error":
            parts.append(f"{output['ename']}: {output['evalue']}")
    return "".join(parts)


def _check_cells(notebook) -> list:
    return [cell for cell in notebook.cells if cell.cell_type == "code" and cell.source.lstrip().startswith("check(")]


def _solution_notebook(release: Path) -> nbformat.NotebookNode:
    lab = find_lab(LAB)
    return student_notebook(solution_source(lab), str(release / "dist" / "keras_lab_student-0.1.0-py3-none-any.whl"), keep_solutions=True)


def test_installed_package_checks_the_solution_notebook_and_exports_it(release: Path, tmp_path: Path, monkeypatch):
    python = _fresh_environment(tmp_path / "venv")
    (wheel,) = (release / "dist").glob("*.whl")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    kernel = _kernel(python, tmp_path / "jupyter", monkeypatch)
    work = tmp_path / "student"
    executed = _run_notebook(_solution_notebook(release), work, kernel)
    setup = _text(executed.cells[1])
    assert "Jupyter: using the installed course checker (keras-lab-student 0.1.0)" in setup
    assert "oneDNN" not in setup and "absl" not in setup  # TensorFlow imported quietly
    checks = _check_cells(executed)
    assert len(checks) == len(find_lab(LAB).questions)
    for cell in checks:
        assert "All public tests pass" in _text(cell) and "True" in _text(cell), _text(cell)
    every = "".join(_text(cell) for cell in executed.cells)
    assert "oneDNN" not in every and "Error" not in every, every[-3000:]
    exported = work / f"{LAB}.ipynb"
    assert exported.is_file() and f"wrote {exported}" in every
    cli = subprocess.run([python, "-m", "autograder", "check", "04", str(exported)], capture_output=True, text=True, cwd=work)
    assert cli.returncode == 0 and "All public tests pass" in cli.stdout, cli.stdout + cli.stderr
    assert "oneDNN" not in cli.stderr + cli.stdout


def test_first_cell_installs_the_package_then_the_skeleton_checks_report_unimplemented(release: Path, tmp_path: Path, monkeypatch):
    python = _fresh_environment(tmp_path / "venv")
    kernel = _kernel(python, tmp_path / "jupyter", monkeypatch)
    monkeypatch.setenv("PIP_NO_DEPS", "1")  # the libraries are there (see the module docstring); nothing is downloaded
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    skeleton = nbformat.read(release / "labs" / LAB / find_lab(LAB).notebook, as_version=4)
    executed = _run_notebook(skeleton, tmp_path / "student", kernel)
    setup = _text(executed.cells[1])
    assert f"Jupyter: installed the course checker from {release / 'dist'}" in setup, setup
    for cell in _check_cells(executed):
        text = _text(cell)
        assert "not implemented yet" in text and "False" in text, text
        assert not [o for o in cell.outputs if o.output_type == "error"]  # check() itself never raises
    assert executed.cells[-1].execution_count is not None  # execution went on to the last cell


def test_setup_cell_without_an_address_says_what_to_do(tmp_path: Path, monkeypatch):
    python = _fresh_environment(tmp_path / "venv")
    kernel = _kernel(python, tmp_path / "jupyter", monkeypatch)
    skeleton = nbformat.read(find_lab(LAB).notebook_path, as_version=4)  # the repository's: no address
    skeleton.cells = skeleton.cells[:2]
    executed = _run_notebook(skeleton, tmp_path / "student", kernel)
    assert "no address to install it from: ask your instructor" in _text(executed.cells[1])


def _member_lines(archive: zipfile.ZipFile, name: str) -> set[str]:
    """The stripped lines of a wheel member (a notebook's cell sources, for a notebook)."""
    text = archive.read(name).decode("utf-8", "replace")
    if name.endswith(".ipynb"):
        text = "\n".join(cell.source for cell in nbformat.reads(text, as_version=4).cells)
    return {line.strip() for line in text.splitlines()}


def test_wheel_holds_public_material_and_no_hidden_or_solution_line(release: Path):
    from autograder.lab import all_labs
    from autograder.notebooks.skeleton import solution_lines, strip_solutions

    (wheel,) = (release / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        shipped = set().union(*(_member_lines(archive, name) for name in names))
    assert f"autograder/course/labs/{LAB}/tests/public/test_public.py" in names
    assert not [name for name in names if "hidden" in name or "mutants/" in name or name.startswith("solutions/")]
    public = {line.strip() for path in (REPO / "autograder").rglob("*.py") for line in path.read_text().splitlines()}
    secret: set[str] = set()
    for lab in all_labs():
        source = solution_source(lab).read_text()
        public |= {line.strip() for path in lab.public_tests.rglob("*.py") for line in path.read_text().splitlines()}
        public |= {line.strip() for line in strip_solutions(source).splitlines()}
        secret |= {line.strip() for path in lab.hidden_tests.rglob("*.py") for line in path.read_text().splitlines()}
        secret |= {line.strip() for line in solution_lines(source)}
    secret = {line for line in secret - public if len(line) >= 30 and not line.startswith(("#", "import", "from"))}
    assert len(secret) > 100  # the check has something to find
    assert not secret & shipped, sorted(secret & shipped)[:3]


@pytest.mark.parametrize("platform", [
    ("manylinux2014_x86_64", "linux"),
    ("macosx_12_0_arm64", "macOS arm64"),
    ("win_amd64", "Windows"),
])
def test_student_requirements_resolve_on_every_platform(platform: tuple[str, str], tmp_path: Path):
    tag, name = platform
    pip = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed", "--only-binary=:all:",
           "--platform", tag, "--python-version", "3.11", "--implementation", "cp", "--target", str(tmp_path / "t"),
           "--report", str(tmp_path / "report.json"), *STUDENT_DEPENDENCIES]
    try:
        resolved = subprocess.run(pip, capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        pytest.fail(f"resolving the student requirements for {name} took over 15 minutes")
    if resolved.returncode != 0 and "No matching distribution" not in resolved.stderr and _offline(resolved.stderr):
        pytest.skip(f"PyPI cannot be reached from here: {resolved.stderr.strip().splitlines()[-1]}")
    assert resolved.returncode == 0, f"{name}: {resolved.stderr[-2000:]}"
    installed = {item["metadata"]["name"].lower() for item in json.loads((tmp_path / "report.json").read_text())["install"]}
    assert {"tensorflow", "keras", "keras-tuner", "numpy", "pytest"} <= installed


def _offline(stderr: str) -> bool:
    return any(word in stderr for word in ("NewConnectionError", "Temporary failure in name resolution", "Network is unreachable"))


def test_student_dependencies_cover_what_the_checker_imports(release: Path, tmp_path: Path):
    """Every third-party distribution the checker imports is a declared dependency or one of theirs."""
    python = _fresh_environment(tmp_path / "venv")
    (wheel,) = (release / "dist").glob("*.whl")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    probe = (
        "import importlib.metadata as m, sys, json\n"
        "import autograder.notebook, autograder.commands.check, autograder.cli, autograder.local_check\n"
        "import autograder.notebook_export, nbformat, keras_tuner\n"
        "owners = m.packages_distributions()\n"
        "print(json.dumps(sorted({d for name in list(sys.modules) for d in owners.get(name.split('.')[0], [])})))\n"
    )
    used = json.loads(subprocess.run([python, "-c", probe], check=True, capture_output=True, text=True, cwd=tmp_path).stdout)
    declared = _closure([requirement_name(d) for d in STUDENT_DEPENDENCIES])
    missing = {_canonical(d) for d in used} - declared - {"keras-lab-student"}
    assert not missing, f"the checker imports {sorted(missing)}, which the student package does not require"


def requirement_name(requirement: str) -> str:
    return _canonical(Requirement(requirement).name)


def _canonical(name: str) -> str:
    return name.strip().lower().replace("_", "-").replace(".", "-")


def _closure(names: list[str]) -> set[str]:
    """The distributions these require, transitively, as installed here (`tensorflow` is `tensorflow-cpu`)."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = _canonical(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires("tensorflow-cpu" if name == "tensorflow" else name) or []
        except metadata.PackageNotFoundError:
            continue
        todo += [Requirement(r).name for r in requires if _needed_here(Requirement(r))]
    return seen | ({"tensorflow-cpu"} if "tensorflow" in seen else set())


def _needed_here(requirement: Requirement) -> bool:
    """Not an extra, and its environment marker holds on this machine."""
    return requirement.marker is None or requirement.marker.evaluate({"extra": ""})
