"""The student release ships labs, public tests and the student wheel, and never a solution or a
hidden test (in a file or in a wheel member)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from autograder.errors import UserError
from autograder.lab import all_labs
from autograder.release import build_release, find_leaks
from tests.conftest import REPO


@pytest.fixture(scope="module")
def release_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "student"
    build_release(REPO, out, "https://course.example.edu/keras_lab_student-0.1.0-py3-none-any.whl")
    return out


def test_release_has_notebooks_and_public_tests_only(release_dir: Path):
    for lab in all_labs():
        shipped = release_dir / "labs" / lab.path.name
        assert (shipped / lab.notebook).is_file() and (shipped / "tests" / "public").is_dir()
        assert not (shipped / "tests" / "hidden").exists()
    assert not (release_dir / "solutions").exists() and not (release_dir / "examples").exists()
    assert not (release_dir / "autograder").exists() and not (release_dir / "requirements.txt").exists()
    (wheel,) = (release_dir / "dist").glob("keras_lab_student-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "autograder/notebook.py" in names and "autograder/course/labs/04_weight_init/lab.toml" in names
    assert not [name for name in names if "/hidden/" in name or name.startswith("solutions/")]


def test_release_notebooks_install_from_the_given_address(release_dir: Path):
    notebook = (release_dir / "labs" / "04_weight_init" / "weight_init.ipynb").read_text()
    assert '\\"https://course.example.edu/keras_lab_student-0.1.0-py3-none-any.whl\\"' in notebook


def test_release_refuses_an_address_that_escapes_the_pip_line(tmp_path: Path):
    for url in ('x" ; rm -rf ~ ; "', "https://a.example/$(id)", "with space.whl", "{STUDENT}", "a\nb"):
        with pytest.raises(UserError, match="--student-package-url"):
            build_release(REPO, tmp_path / "out", url)
    assert not (tmp_path / "out").exists()


def test_release_refuses_a_wheel_address_pip_would_reject(tmp_path: Path):
    with pytest.raises(UserError, match="must end with keras_lab_student-0.1.0-py3-none-any.whl"):
        build_release(REPO, tmp_path / "out", "https://course.example.edu/student.whl")
    with pytest.raises(UserError, match="--student-package-version"):
        build_release(REPO, tmp_path / "out", "", "1.0; rm")
    assert not (tmp_path / "out").exists()


def test_a_page_address_makes_pip_look_for_the_newest_wheel_there():
    from autograder.notebooks.setup_cell import setup_cell

    assert '%pip install --quiet --find-links "{STUDENT_PACKAGE}" keras-lab-student' in setup_cell("04_weight_init", "https://course.example.edu/lab-files/")
    assert '%pip install --quiet "{STUDENT_PACKAGE}"\n' in setup_cell("04_weight_init", "/srv/keras_lab_student-0.1.0-py3-none-any.whl")


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
    (planted / "labs" / "notes.py").write_text(f"# copied by mistake\n{line}\n")
    assert any("notes.py" in leak for leak in find_leaks(planted, all_labs()))


@pytest.mark.parametrize("member", ["autograder/course/labs/04_weight_init/tests/hidden/test_hidden.py", "autograder/notes.py"])
def test_scan_reads_inside_the_student_wheel(release_dir: Path, tmp_path: Path, member: str):
    planted = tmp_path / "planted"
    shutil.copytree(release_dir, planted)
    (wheel,) = (planted / "dist").glob("*.whl")
    lab = all_labs()[3]
    line = max(sorted(lab.hidden_tests.glob("test_*.py"))[0].read_text().splitlines(), key=len)
    with zipfile.ZipFile(wheel, "a") as archive:
        archive.writestr(member, f"{line}\n")
    leaks = find_leaks(planted, all_labs())
    assert any(wheel.name in leak and member in leak for leak in leaks)


def test_release_refuses_a_non_empty_folder(tmp_path: Path):
    (tmp_path / "something").write_text("x")
    with pytest.raises(UserError, match="not empty"):
        build_release(REPO, tmp_path)
