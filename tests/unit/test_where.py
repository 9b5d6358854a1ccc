"""The one-line answer to "where am I running, and which checker do I use?" (simulated places)."""

from __future__ import annotations

import sys
import types

import pytest

from autograder.where import course_origin, running_in

PLACE_VARIABLES = ("COLAB_RELEASE_TAG", "JUPYTERHUB_USER", "VSCODE_PID")


@pytest.fixture
def nowhere(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in PLACE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    monkeypatch.delitem(sys.modules, "ipykernel", raising=False)
    return monkeypatch


@pytest.mark.parametrize("variable, place", [
    ("COLAB_RELEASE_TAG", "Google Colab"), ("JUPYTERHUB_USER", "JupyterHub"), ("VSCODE_PID", "VS Code"),
])
def test_each_place_is_named_from_what_it_sets(nowhere: pytest.MonkeyPatch, variable: str, place: str):
    nowhere.setenv(variable, "1")
    assert running_in() == place


def test_colab_is_recognised_by_its_module_as_well(nowhere: pytest.MonkeyPatch):
    nowhere.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    nowhere.setenv("JUPYTERHUB_USER", "student")  # Colab wins: it is the more specific answer
    assert running_in() == "Google Colab"


def test_a_kernel_is_jupyter_and_anything_else_python(nowhere: pytest.MonkeyPatch):
    assert running_in() == "Python"
    nowhere.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    assert running_in() == "Jupyter"


def test_a_checkout_names_its_folder(monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.setenv("AUTOGRADER_COURSE_ROOT", str(tmp_path))
    assert course_origin() == f"using the course checkout at {tmp_path}"
