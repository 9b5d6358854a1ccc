"""The student release ships labs and public tests, and never a solution or a hidden test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from autograder.errors import UserError
from autograder.lab import all_labs
from autograder.release import build_release, find_leaks
from tests.conftest import REPO


@pytest.fixture(scope="module")
def release_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "student"
    build_release(REPO, out)
    return out


def test_release_has_notebooks_and_public_tests_only(release_dir: Path):
    for lab in all_labs():
        shipped = release_dir / "labs" / lab.path.name
        assert (shipped / lab.notebook).is_file() and (shipped / "tests" / "public").is_dir()
        assert not (shipped / "tests" / "hidden").exists()
    assert not (release_dir / "solutions").exists() and not (release_dir / "examples").exists()
    assert (release_dir / "autograder" / "cli.py").is_file()


def test_scan_finds_nothing_in_the_release(release_dir: Path):
    assert find_leaks(release_dir, all_labs()) == []


@pytest.mark.parametrize("kind", ["solution", "hidden"])
def test_scan_catches_a_planted_leak(release_dir: Path, tmp_path: Path, kind: str):
    planted = tmp_path / "planted"
    shutil.copytree(release_dir, planted)
    lab = all_labs()[0]
    if kind == "solution":
        from autograder.notebooks.generate import solution_source
        from autograder.notebooks.skeleton import solution_lines

        line = max(solution_lines(solution_source(lab).read_text()), key=len)
    else:
        test_file = sorted(lab.hidden_tests.glob("test_*.py"))[0]
        line = max(test_file.read_text().splitlines(), key=len)
    (planted / "autograder" / "notes.py").write_text(f"# copied by mistake\n{line}\n")
    assert any("notes.py" in leak for leak in find_leaks(planted, all_labs()))


def test_release_refuses_a_non_empty_folder(tmp_path: Path):
    (tmp_path / "something").write_text("x")
    with pytest.raises(UserError, match="not empty"):
        build_release(REPO, tmp_path)
