"""lab_helpers: one helpers module per lab, shared by its public and hidden tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.testing import lab_helpers


def _lab(root: Path, name: str, helpers: str) -> Path:
    for visibility in ("public", "hidden"):
        (root / name / "tests" / visibility).mkdir(parents=True)
        (root / name / "tests" / visibility / f"test_{visibility}.py").write_text("")
    (root / name / "tests" / "public" / "helpers.py").write_text(helpers)
    return root / name / "tests"


def test_public_and_hidden_tests_get_the_same_module(tmp_path):
    tests = _lab(tmp_path, "91_demo", "CALLS = []\ndef value():\n    return 91\n")
    public = lab_helpers(str(tests / "public" / "test_public.py"))
    hidden = lab_helpers(str(tests / "hidden" / "test_hidden.py"))
    assert public is hidden and public.value() == 91


def test_two_labs_never_share_helpers(tmp_path):
    first = _lab(tmp_path, "92_one", "def value():\n    return 1\n")
    second = _lab(tmp_path, "93_two", "def value():\n    return 2\n")
    assert lab_helpers(str(first / "hidden" / "test_hidden.py")).value() == 1
    assert lab_helpers(str(second / "hidden" / "test_hidden.py")).value() == 2


def test_a_lab_without_helpers_is_named(tmp_path):
    (tmp_path / "94_none" / "tests" / "hidden").mkdir(parents=True)
    with pytest.raises(FileNotFoundError, match="94_none"):
        lab_helpers(str(tmp_path / "94_none" / "tests" / "hidden" / "test_hidden.py"))


def test_a_broken_helpers_module_is_not_cached(tmp_path):
    tests = _lab(tmp_path, "95_broken", "raise RuntimeError('half written')\n")
    with pytest.raises(RuntimeError):
        lab_helpers(str(tests / "public" / "test_public.py"))
    (tests / "public" / "helpers.py").write_text("def value():\n    return 95\n")
    assert lab_helpers(str(tests / "public" / "test_public.py")).value() == 95


def test_every_course_lab_that_shares_helpers_loads_them():
    labs = Path(__file__).resolve().parents[2] / "labs"
    for helpers in sorted(labs.glob("*/tests/public/helpers.py")):
        module = lab_helpers(str(helpers.parents[1] / "hidden" / "test_hidden.py"))
        assert module.__file__ == str(helpers)
