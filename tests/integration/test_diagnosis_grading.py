"""Grading names a lab's classic mistakes in a student's answers, and claims nothing otherwise."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time

import pytest

from autograder.commands import grade
from autograder.diagnosis import SWITCH
from autograder.diagnosis.profiles import (
    BUNDLED_PROFILES, PUBLIC_PROFILES, build_in_child, build_profiles, lab_profiles, public_profiles, read_profiles,
)
from autograder.grading import grade_submission
from autograder.gradescope.bundle import bundle_entries
from autograder.lab import Lab, load_lab
from autograder.local_check import check_definitions
from autograder.report.feedback import feedback_markdown
from autograder.report.html import feedback_html
from autograder.submissions import Submission
from autograder.worker.backend import ColdBackend
from tests.conftest import REPO
from tests.fixtures.diagnosis_lab import BOTH_WRONG, HIDDEN_INPUT, SOLUTION


@pytest.fixture
def lab(diagnosis_lab: Lab) -> Lab:
    return diagnosis_lab


def _grade(lab: Lab, source: str):
    return grade_submission(lab, Submission("student", "student.py", source.encode()), ColdBackend())


def _named(result) -> dict[str, list[str]]:
    return {q.id: [m.id for m in q.misconceptions] for q in result.questions if q.misconceptions}


def test_two_mistakes_in_two_questions_are_both_named_in_the_feedback(lab):
    result = _grade(lab, BOTH_WRONG)
    assert result.score == 0
    assert _named(result) == {"add": ["add_subtracts"], "scale": ["scale_adds"]}
    page, markdown = feedback_html(result), feedback_markdown(result)
    for text in (page, markdown):
        assert "like a classic mistake: the sum of a and b is a + b; a - b subtracts" in text
        assert "like a classic mistake: scaling multiplies every entry by k" in text
        assert str(HIDDEN_INPUT) not in text


def test_the_solution_a_correct_variant_and_an_unknown_mistake_get_no_claim(lab):
    solution = _grade(lab, SOLUTION)
    variant = _grade(lab, "import numpy as np\n\ndef add(a, b):\n    return sum([a, b])\n\ndef scale(x, k):\n    return np.multiply(x, k)\n")
    unknown = _grade(lab, "import numpy as np\n\ndef add(a, b):\n    return a * b\n\ndef scale(x, k):\n    return np.asarray(x) * k\n")
    assert solution.score == variant.score == 2 and _named(solution) == _named(variant) == {}
    assert unknown.score == 1 and _named(unknown) == {}  # wrong, but not in a way the lab knows


def test_profiles_are_built_once_and_kept_on_disk(lab, tmp_path):
    profiles = lab_profiles(lab)
    assert sorted(p.name for p in profiles) == ["add_subtracts", "scale_adds"]
    cached = list((tmp_path / "cache" / "diagnosis").glob(f"{lab.id}-*.json"))
    assert len(cached) == 1
    assert all(any(differs for _, differs in p.calls.values()) for p in profiles)


def test_profiles_built_by_two_grading_processes_are_those_one_builds(lab):
    shared = build_profiles(lab, jobs=2)
    assert shared == build_profiles(lab, jobs=1)
    assert sorted(p.name for p in shared) == ["add_subtracts", "scale_adds"]


@pytest.mark.parametrize("build", ["grading cache", "student package", "gradescope bundle"])
def test_a_build_asked_for_with_diagnosis_off_still_logs_the_answers(lab, tmp_path, monkeypatch, build):
    """The switch turns off naming mistakes in a grading; the profiles built meanwhile (cached
    for the lab version, shipped to students, bundled) must still hold every mutant's answers."""
    monkeypatch.setenv(SWITCH, "off")
    if build == "grading cache":
        profiles = lab_profiles(lab)
    elif build == "student package":
        profiles = read_profiles(public_profiles([lab])[lab.id])
    else:
        bundled = bundle_entries(lab, REPO / "requirements.txt")[f"labs/{lab.path.name}/{BUNDLED_PROFILES}"]
        (tmp_path / "bundled.json").write_bytes(bundled)
        profiles = read_profiles(tmp_path / "bundled.json")
    assert sorted(p.name for p in profiles) == ["add_subtracts", "scale_adds"]
    assert all(any(differs for _, differs in p.calls.values()) for p in profiles), "profiles without answers"


def test_a_profile_build_ends_with_the_process_that_asked_for_it(lab, tmp_path):
    from tests.integration.test_interrupted_runs import descendants, gone_within

    ask = "import sys\nfrom pathlib import Path\nfrom autograder.diagnosis.profiles import build_in_child\nfrom autograder.lab import load_lab\n"
    ask += "build_in_child([load_lab(Path(sys.argv[1]))], [Path(sys.argv[2])])\n"
    asker = subprocess.Popen([sys.executable, "-c", ask, str(lab.path), str(tmp_path / "profiles.json")], cwd=REPO)
    deadline = time.monotonic() + 120
    while len(descendants(asker.pid)) < 2:  # the builder and its grading process's zygote
        assert asker.poll() is None and time.monotonic() < deadline, "the build ended before it could be stopped"
        time.sleep(0.05)
    tree = descendants(asker.pid)
    asker.kill()
    asker.wait()
    assert not gone_within(tree, 15), "the profile build kept running after the process that asked for it was killed"
    assert not (tmp_path / "profiles.json").exists()


def test_a_students_copy_names_the_mistake_in_check_from_public_profiles_only(lab, tmp_path, capsys):
    student_copy = tmp_path / "student" / "labs" / lab.id
    shutil.copytree(lab.path, student_copy, ignore=shutil.ignore_patterns("hidden"))
    build_in_child([lab], [student_copy / "tests" / "public" / PUBLIC_PROFILES], public_only=True)
    shipped = (student_copy / "tests" / "public" / PUBLIC_PROFILES).read_text()
    assert str(HIDDEN_INPUT) not in shipped and "a + b" in shipped
    copy = load_lab(student_copy)
    assert not copy.solution_dir.is_dir()
    namespace: dict = {}
    exec(BOTH_WRONG, namespace)
    assert not check_definitions(copy, namespace, [], "")
    out = capsys.readouterr().out
    assert "Your `add` behaves like a classic mistake: the sum of a and b is a + b" in out
    assert "Your `scale` behaves like a classic mistake: scaling multiplies" in out
    assert json.loads(shipped)["lab"] == lab.id


def test_a_check_never_waits_for_a_build_but_uses_profiles_once_built(lab, tmp_path, capsys):
    namespace: dict = {}
    exec(BOTH_WRONG, namespace)
    check_definitions(lab, namespace, [], "")
    assert "classic mistake" not in capsys.readouterr().out
    assert not list((tmp_path / "cache").rglob("*.json"))
    lab_profiles(lab)  # built by grading or validate
    check_definitions(lab, namespace, [], "")
    assert "Your `add` behaves like a classic mistake" in capsys.readouterr().out


def test_a_gradescope_bundle_carries_the_profiles_and_grades_with_them(lab, tmp_path):
    entries = bundle_entries(lab, REPO / "requirements.txt")
    bundled = entries[f"labs/{lab.path.name}/{BUNDLED_PROFILES}"]
    unpacked = tmp_path / "bundle" / "labs" / lab.path.name
    for name, data in entries.items():
        if name.startswith(f"labs/{lab.path.name}/"):
            target = tmp_path / "bundle" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    copy = load_lab(unpacked)
    assert not copy.solution_dir.is_dir() and json.loads(bundled)["lab"] == lab.id
    assert _named(_grade(copy, BOTH_WRONG)) == {"add": ["add_subtracts"], "scale": ["scale_adds"]}


def test_grade_builds_the_profiles_once_saying_so_and_the_summary_counts_each_mistake(lab, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("AUTOGRADER_COURSE_ROOT", str(tmp_path / "course"))
    monkeypatch.setenv("COLUMNS", "1000")
    folder = tmp_path / "class"
    folder.mkdir()
    add_only = "import numpy as np\n\ndef add(a, b):\n    return a - b\n\ndef scale(x, k):\n    return np.asarray(x) * k\n"
    for student, source in (("ann", BOTH_WRONG), ("bob", add_only), ("cy", SOLUTION)):
        (folder / f"{student}.py").write_text(source)
    assert grade.main(lab.id, folder, tmp_path / "out", sandbox=False, jobs=1) == 0
    assert "building the profiles of lab" in capsys.readouterr().err
    summary = (tmp_path / "out" / "summary.html").read_text()
    assert "<h2>Misconceptions</h2>" in summary
    rows = re.findall(r'<span class="tag">(\w+)</span>[^<]*</td><td class="num">(\d+)</td>', summary)
    assert rows == [("add_subtracts", "2"), ("scale_adds", "1")]
    assert grade.main(lab.id, folder, tmp_path / "again", sandbox=False, jobs=1) == 0
    assert "building the profiles" not in capsys.readouterr().err
