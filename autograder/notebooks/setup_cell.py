"""The first code cell of every student notebook: check(), check_all() and export(), anywhere.

The instructor's source holds the short form (two lines, runnable in the course checkout);
generation expands it into the cell below, which also works where the course is not installed
(Colab, a JupyterHub home, a laptop): it installs the student package once from the address
set by `release --student-package-url`: the wheel's own URL or path, or a page or folder
that lists it. Extraction skips the cell when grading.
"""

from __future__ import annotations

import json
import re

from autograder.errors import UserError

DISTRIBUTION = "keras-lab-student"  # the student package, built by `release`
_SAFE_URL = re.compile(r"[\w.~:/?#@+,;=%&-]{1,500}")  # no quotes, spaces, $, braces: it goes into a %pip line

_TEMPLATE = '''\
# Run this cell first: it sets up check("question"), check_all() and export() for this lab.
# In a copy of the course repository it uses that copy; anywhere else (Google Colab, JupyterHub,
# your laptop) it installs the course's checker once, from the address below.
STUDENT_PACKAGE = __URL__
import importlib.util, pathlib, sys
_checkout = next((folder for folder in [pathlib.Path.cwd(), *pathlib.Path.cwd().parents]
                  if (folder / "autograder" / "notebook.py").is_file() and (folder / "labs").is_dir()), None)
if _checkout is not None and importlib.util.find_spec("autograder") is None:
    sys.path.insert(0, str(_checkout))
INSTALLING = importlib.util.find_spec("autograder") is None
if INSTALLING and not STUDENT_PACKAGE:
    raise ModuleNotFoundError("The course checker is not installed here and this notebook has no address to "
                              "install it from: ask your instructor for the course's student package.")
if INSTALLING:
    %pip install --quiet __PIP_ARGUMENTS__
    importlib.invalidate_caches()
from autograder.notebook import lab_tools
check, check_all, export = lab_tools(__LAB__, installed_from=STUDENT_PACKAGE if INSTALLING else "")'''


def short_setup(lab_id: str) -> str:
    """The setup cell as the instructor's source writes it."""
    return f'from autograder.notebook import lab_tools\ncheck, check_all, export = lab_tools("{lab_id}")'


def checked_package_url(url: str) -> str:
    """The install address, refused when it could break out of the `%pip` line."""
    if url and not _SAFE_URL.fullmatch(url):
        raise UserError(
            "--student-package-url must be a URL or path without spaces, quotes, '$', '{' or '}' "
            f"(at most 500 characters); got {url[:80]!r}"
        )
    return url


def pip_arguments(package_url: str) -> str:
    """A wheel file or its URL is installed as it is; any other address (a course web page, a
    folder) is where pip finds the newest wheel of the distribution."""
    if package_url.endswith(".whl") or not package_url:
        return '"{STUDENT_PACKAGE}"'
    return '--find-links "{STUDENT_PACKAGE}" ' + DISTRIBUTION


def setup_cell(lab_id: str, package_url: str = "") -> str:
    """The full setup cell of a student notebook."""
    return (
        _TEMPLATE.replace("__URL__", json.dumps(checked_package_url(package_url)))
        .replace("__LAB__", json.dumps(lab_id))
        .replace("__PIP_ARGUMENTS__", pip_arguments(package_url))
    )
