"""The student release: labs without solutions or hidden tests, the student wheel, and a scan
(of every file and every wheel member) that proves nothing hidden ships."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from autograder import __version__
from autograder.errors import UserError
from autograder.lab import Lab, all_labs
from autograder.notebooks.generate import is_stale, solution_source
from autograder.notebooks.setup_cell import checked_package_url
from autograder.notebooks.skeleton import solution_lines, strip_solutions
from autograder.student_package import build_student_wheel, checked_version, write_course

MIN_FINGERPRINT_CHARS = 16

STUDENT_README = """# Lab release

Anywhere (Google Colab, JupyterHub, your laptop): open a lab notebook from `labs/` and run its
first cell. It installs the course's checker (the student package, `{wheel}`) from the address
your instructor set, once. On your own machine you can install it yourself instead, with
Python 3.11 or newer: `pip install {wheel}`.

Fill in the functions and run the `check("...")` cells; `check_all()` checks every question and
`export()` writes the file to upload. From a terminal, `python -m autograder check LAB NOTEBOOK`
runs every public test on your notebook. Your submission is graded on more (hidden) tests than
the public ones.
"""


def _significant(line: str) -> str | None:
    text = line.strip()
    if len(text) < MIN_FINGERPRINT_CHARS or text.startswith(("#", "import ", "from ", "@question")):
        return None
    return text


def _lines_of(paths: list[Path]) -> set[str]:
    return {text for path in paths for line in path.read_text().splitlines() if (text := _significant(line))}


def _secret_lines(lab: Lab) -> set[str]:
    source = solution_source(lab).read_text()
    solution = {text for line in solution_lines(source) if (text := _significant(line))}
    solution -= {text for line in strip_solutions(source).splitlines() if (text := _significant(line))}
    return solution | _lines_of(sorted(lab.hidden_tests.rglob("*.py")))


def _public_lines(lab: Lab) -> set[str]:
    return _lines_of(sorted(lab.public_tests.rglob("*.py"))) | _lines_of([lab.notebook_path])


def leak_fingerprints(labs: list[Lab]) -> set[str]:
    """Lines of solution regions and hidden tests that no lab's public material contains.

    A line that students see anyway (`with tf.GradientTape() as tape:` in another lab's
    public tests, say) gives nothing away.
    """
    secrets = set().union(*(_secret_lines(lab) for lab in labs)) if labs else set()
    public = set().union(*(_public_lines(lab) for lab in labs)) if labs else set()
    return secrets - public


def _leaks_in(files: Iterable[tuple[PurePosixPath, bytes]], fingerprints: set[str]) -> list[str]:
    leaks = []
    for relative, content in files:
        if "hidden" in relative.parts or "solutions" in relative.parts or "mutants" in relative.parts:
            leaks.append(f"{relative}: hidden or solution file shipped")
            continue
        try:
            lines = {line.strip() for line in content.decode().splitlines()}
        except UnicodeDecodeError:
            continue
        found = sorted(lines & fingerprints)
        if found:
            leaks.append(f"{relative}: contains {found[0]!r}")
    return leaks


def _folder_files(folder: Path) -> Iterator[tuple[PurePosixPath, bytes]]:
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        yield PurePosixPath(path.relative_to(folder).as_posix()), path.read_bytes()


def _wheel_files(wheel: Path) -> Iterator[tuple[PurePosixPath, bytes]]:
    with zipfile.ZipFile(wheel) as archive:  # built by us a moment ago: trusted
        for member in archive.infolist():
            if not member.is_dir():
                yield PurePosixPath(wheel.name, member.filename), archive.read(member)


def find_leaks(release_dir: Path, labs: list[Lab]) -> list[str]:
    """Every file in the release, and every member of a wheel in it, that holds a solution or
    hidden-test line, or a hidden path."""
    fingerprints = leak_fingerprints(labs)
    leaks = _leaks_in(_folder_files(release_dir), fingerprints)
    for wheel in sorted(release_dir.rglob("*.whl")):
        leaks += _leaks_in(_wheel_files(wheel), fingerprints)
    return leaks


def build_release(root: Path, out: Path, package_url: str = "", version: str = __version__) -> tuple[list[Lab], Path]:
    """Write what students get to `out` (the labs, and the student wheel in `out/dist`); refuse,
    and remove it, if anything would leak. The notebooks install the wheel from `package_url`."""
    checked_version(version, checked_package_url(package_url))
    if out.exists() and any(out.iterdir()):
        raise UserError(f"{out} is not empty; choose a new folder for the release")
    labs = all_labs(root)
    stale = [lab.id for lab in labs if is_stale(lab)]
    if stale:
        raise UserError(f"student notebooks are out of date for {', '.join(stale)}; run: python -m autograder generate")
    out.mkdir(parents=True, exist_ok=True)
    write_course(labs, out, package_url)
    wheel = build_student_wheel(root, labs, out / "dist", package_url, version)
    (out / "README.md").write_text(STUDENT_README.format(wheel=wheel.relative_to(out).as_posix()))
    leaks = find_leaks(out, labs)
    if leaks:
        shutil.rmtree(out)
        raise UserError(f"release refused, it would leak: {leaks[0]} (and {len(leaks) - 1} more)")
    return labs, wheel
