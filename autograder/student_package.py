"""The student package: a wheel with the checker and every lab's public material, nothing hidden.

Built by `release`. Its dependencies are what the labs need, bounded but not pinned, with
`tensorflow` (which has wheels for Linux, macOS and Windows) rather than the instructor's
`tensorflow-cpu`, so `pip install` works on a student's laptop and in Colab without
replacing Colab's own TensorFlow.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from autograder import __version__
from autograder.diagnosis.profiles import PUBLIC_PROFILES, public_profiles
from autograder.errors import UserError
from autograder.lab import Lab
from autograder.notebooks.generate import render, solution_source, student_notebook
from autograder.notebooks.setup_cell import DISTRIBUTION
STUDENT_DEPENDENCIES = (
    "tensorflow>=2.16,<3",
    "keras>=3.3,<4",
    "keras-tuner>=1.4,<2",
    "numpy>=1.26,<3",
    "matplotlib>=3.7,<4",
    "scikit-learn>=1.3,<2",
    "pytest>=7.4,<10",
    "rich>=13,<16",
    "typer>=0.9,<1",
    "nbformat>=5.7,<6",
    "ipython>=8.12,<10",
)
_SKIPPED = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "course")

_PYPROJECT = """\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "{name}"
version = "{version}"
description = "The Keras lab course for students: the labs, their public tests and check()"
requires-python = ">=3.11"
dependencies = {dependencies}

[project.scripts]
autograder = "autograder.cli:main"

[tool.setuptools.packages.find]
include = ["autograder*"]

[tool.setuptools.package-data]
autograder = ["judge/pytest.ini", "course/**/*"]
"""


def write_course(labs: list[Lab], course: Path, package_url: str) -> None:
    """Each lab's metadata, student notebook (with the install address), public tests and the
    profiles of its classic mistakes on the public tests (for check() to name them)."""
    profiles = public_profiles(labs)
    for lab in labs:
        target = course / "labs" / lab.path.name
        (target / "tests").mkdir(parents=True)
        shutil.copy2(lab.path / "lab.toml", target / "lab.toml")
        (target / lab.notebook).write_text(render(student_notebook(solution_source(lab), package_url)))
        shutil.copytree(lab.public_tests, target / "tests" / "public", ignore=_SKIPPED)
        if lab.id in profiles:
            shutil.copy2(profiles[lab.id], target / "tests" / "public" / PUBLIC_PROFILES)


_VERSION = re.compile(r"\d+(\.\d+){0,3}((a|b|rc)\d+)?(\.post\d+)?")  # public PEP 440 versions, no local part


def wheel_name(version: str) -> str:
    """The file name pip requires of the student wheel (a wheel URL must end with it)."""
    return f"{DISTRIBUTION.replace('-', '_')}-{version}-py3-none-any.whl"


def checked_version(version: str, package_url: str) -> str:
    """The package version, refused when it is not a plain PEP 440 version or when the install
    address names a different wheel file."""
    if not _VERSION.fullmatch(version):
        raise UserError(f"--student-package-version must be a version such as 1.2 or 2026.12.1 (got {version[:40]!r})")
    expected = wheel_name(version)
    if package_url.endswith(".whl") and package_url.rsplit("/", 1)[-1] != expected:
        raise UserError(f"--student-package-url names a wheel file, so it must end with {expected} (pip requires that name)")
    return version


def build_student_wheel(root: Path, labs: list[Lab], out: Path, package_url: str = "", version: str = __version__) -> Path:
    """Build the student wheel into `out`; its path."""
    checked_version(version, package_url)
    with tempfile.TemporaryDirectory(prefix="student-package-") as staging_name:
        staging = Path(staging_name)
        shutil.copytree(root / "autograder", staging / "autograder", ignore=_SKIPPED)
        write_course(labs, staging / "autograder" / "course", package_url)
        dependencies = "[" + ", ".join(f'"{d}"' for d in STUDENT_DEPENDENCIES) + "]"
        (staging / "pyproject.toml").write_text(
            _PYPROJECT.format(name=DISTRIBUTION, version=version, dependencies=dependencies)
        )
        out.mkdir(parents=True, exist_ok=True)
        build = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", str(out), str(staging)],
            capture_output=True, text=True,
        )
        if build.returncode != 0:
            last = (build.stderr.strip().splitlines() or ["no output"])[-1]
            raise UserError(f"building the student wheel failed ({last}); is setuptools installed in this environment?")
    wheel = out / wheel_name(version)
    if not wheel.is_file():
        raise UserError(f"the student wheel was built but {wheel.name} is not in {out}; release into a new folder")
    return wheel
