"""Where the student is running (Colab, JupyterHub, ...) and where the course checker comes from."""

from __future__ import annotations

import importlib.metadata
import os
import sys

from autograder.lab import PACKAGED_COURSE, course_root


def running_in() -> str:
    """A name the student recognises for the place this kernel runs in."""
    if "google.colab" in sys.modules or "COLAB_RELEASE_TAG" in os.environ:
        return "Google Colab"
    if "JUPYTERHUB_USER" in os.environ:
        return "JupyterHub"
    if "VSCODE_PID" in os.environ:
        return "VS Code"
    return "Jupyter" if "ipykernel" in sys.modules else "Python"


def _distribution() -> str:
    names = importlib.metadata.packages_distributions().get("autograder") or []
    for name in names:
        try:
            return f"{name} {importlib.metadata.version(name)}"
        except importlib.metadata.PackageNotFoundError:
            continue
    return "not installed with pip"


def course_origin() -> str:
    """'using the course checkout at ...' or 'using the installed course checker (name version)'."""
    root = course_root()
    if root == PACKAGED_COURSE:
        return f"using the installed course checker ({_distribution()})"
    return f"using the course checkout at {root}"
