"""Attacks that are not a .py file: archives, notebooks, links and names, built at test time.

Each entry is a name in expected.toml and a function that lays the attack out in the class
folder (given the folder and the corpus' submissions folder) and returns the student ids its
rows must have. What each attack does and what "held" means is in its docstring.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import zipfile
from pathlib import Path
from typing import Callable

CORRECT = "import numpy as np\n\ndef add(a, b):\n    return a + b\n\ndef scale(x, k):\n    return np.asarray(x) * k\n"
WRONG = "def add(a, b):\n    return a - b\n\ndef scale(x, k):\n    raise NotImplementedError\n"
HIDDEN_TESTS = Path(__file__).resolve().parents[1] / "fixtures" / "course" / "labs" / "00_toy" / "tests" / "hidden" / "test_hidden.py"
Builder = Callable[[Path, Path], list[str]]


def notebook(*cells: str) -> bytes:
    return json.dumps({
        "nbformat": 4, "nbformat_minor": 5, "metadata": {},
        "cells": [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "outputs": [], "execution_count": None, "source": s}
                  for i, s in enumerate(cells)],
    }).encode()


def _zip(path: Path, members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            archive.writestr(info, data)


def _colliding_id(name: str, collides_with: str) -> str:
    return f"{collides_with}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"


def zip_bomb(folder: Path, corpus: Path) -> str:
    """A 60 KB zip whose toy.ipynb decompresses to 64 MB (its header claims the same, but a
    lying header would not help: bytes are counted as they decompress). Held: unreadable, read no further."""
    _zip(folder / "zip_bomb.zip", [("toy.ipynb", b"{" + b" " * (64 << 20) + b"}")])
    return ["zip_bomb"]


def zip_symlink_member(folder: Path, corpus: Path) -> str:
    """A zip whose toy.py is a symbolic link to the hidden tests. Held: unreadable, nothing read through it."""
    info = zipfile.ZipInfo("toy.py")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    _zip(folder / "zip_symlink_member.zip", [(info, str(HIDDEN_TESTS).encode())])
    return ["zip_symlink_member"]


def zip_path_traversal(folder: Path, corpus: Path) -> str:
    """A zip whose members escape the archive (../../toy.py, /etc/toy.py). Held: unreadable."""
    _zip(folder / "zip_path_traversal.zip", [("../../toy.py", CORRECT.encode()), ("/etc/toy.py", CORRECT.encode())])
    return ["zip_path_traversal"]


def zip_many_members(folder: Path, corpus: Path) -> str:
    """A zip of 5000 tiny members around a correct toy.py. Held: unreadable (entry budget)."""
    _zip(folder / "zip_many_members.zip", [("toy.py", CORRECT.encode())] + [(f"junk/{i}.txt", b"") for i in range(5000)])
    return ["zip_many_members"]


def notebook_deep_json(folder: Path, corpus: Path) -> str:
    """A notebook whose metadata nests lists 200,000 deep (a recursive reader's stack). Held: unreadable."""
    deep = "[" * 200_000 + "]" * 200_000
    text = notebook(CORRECT).decode().replace('"metadata": {}', f'"metadata": {{"x": {deep}}}', 1)
    (folder / "notebook_deep_json.ipynb").write_text(text)
    return ["notebook_deep_json"]


def notebook_malformed_cells(folder: Path, corpus: Path) -> str:
    """A notebook whose code cells have no source, or a number as source. Held: unreadable, not a crash."""
    document = json.loads(notebook(CORRECT))
    document["cells"] += [{"cell_type": "code", "metadata": {}, "outputs": []},
                          {"cell_type": "code", "metadata": {}, "outputs": [], "source": 12}]
    (folder / "notebook_malformed_cells.ipynb").write_text(json.dumps(document))
    return ["notebook_malformed_cells"]


def notebook_quadratic_cells(folder: Path, corpus: Path) -> str:
    """Correct answers, plus cells that made the old extraction quadratic or crash: 190,000
    blank lines before a %magic, 150,000 '?' endings, and an expression 100,000 terms deep
    (RecursionError in ast.parse). Held: graded 5/5 quickly, the bad cells skipped with a note."""
    cells = [CORRECT, "\n" * 190_000 + "%time x = 1", "x?\n" * 50_000, "DEEP = " + "+".join(["1"] * 100_000)]
    (folder / "notebook_quadratic_cells.ipynb").write_bytes(notebook(*cells))
    return ["notebook_quadratic_cells"]


def symlink_to_classmate(folder: Path, corpus: Path) -> str:
    """A submission that is a symbolic link to a classmate's (the first bystander's) file.
    Held: unreadable; the classmate keeps their own 5/5."""
    os.symlink(folder / "aaa_bystander_first.py", folder / "symlink_to_classmate.py")
    return ["symlink_to_classmate"]


def symlink_outside(folder: Path, corpus: Path) -> str:
    """A folder submission holding a link to the hidden tests, and a notebook linked to /etc/passwd.
    Held: unreadable, nothing read through either."""
    student = folder / "symlink_outside"
    student.mkdir()
    os.symlink(HIDDEN_TESTS, student / "toy.py")
    os.symlink("/etc/passwd", folder / "symlink_outside_passwd.ipynb")
    return ["symlink_outside", "symlink_outside_passwd"]


def colliding_name(folder: Path, corpus: Path) -> str:
    """'zzz bystander last.py' normalises to the last bystander's id, with wrong answers. Held:
    its own row under another id; the bystander keeps 5/5."""
    name = "zzz bystander last.py"
    (folder / name).write_text(WRONG)
    return [_colliding_id(name, "zzz_bystander_last")]


def colliding_case(folder: Path, corpus: Path) -> list[str]:
    """'CASEFOLD_victim.py' differs from an honest 'casefold_victim.py' only in case (one results
    file on a case-insensitive disk), with wrong answers. Held: both get rows of their own (both
    ids take a suffix, as neither name is more the id than the other); the victim keeps 5/5."""
    name = "CASEFOLD_victim.py"
    (folder / name).write_text(WRONG)
    return [_colliding_id(name, "CASEFOLD_victim")]


def colliding_case_victim(folder: Path, corpus: Path) -> list[str]:
    """The honest half of colliding_case: correct answers. Held: 5/5 under its own row."""
    name = "casefold_victim.py"
    (folder / name).write_text(CORRECT)
    return [_colliding_id(name, "casefold_victim")]


def formula_name(folder: Path, corpus: Path) -> str:
    """A file named like a spreadsheet formula with a terminal escape. Held: the id starts with no
    formula character and holds no control character."""
    (folder / "=HYPERLINK(evil)\x1b[31m.py").write_text(WRONG)
    return ["HYPERLINK_evil_31m"]


BUILDERS: dict[str, Builder] = {builder.__name__: builder for builder in (
    zip_bomb, zip_symlink_member, zip_path_traversal, zip_many_members, notebook_deep_json, notebook_malformed_cells,
    notebook_quadratic_cells, symlink_to_classmate, symlink_outside, colliding_name, colliding_case, colliding_case_victim, formula_name,
)}
