"""Mutants: wrong-answer variants of the solution, and their index file."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from autograder.errors import UserError
from autograder.lab import load_lab
from autograder.mutants import load_mutants, mutate

SOLUTION = '''\
from __future__ import annotations
import numpy as np

RATE = 0.5


def add(a, b):
    return a + b


class Scaler:
    def go(self, x):
        return x * RATE


def scale(x, k):
    return np.asarray(x) * k
'''


def run(source: str) -> dict:
    namespace: dict = {}
    exec(compile(source, "<mutant>", "exec"), namespace)
    return namespace


def test_mutate_replaces_same_named_function_and_keeps_others():
    result = mutate(SOLUTION, "def add(a, b):\n    return a - b\n")
    namespace = run(result)
    assert namespace["add"](5, 3) == 2
    assert namespace["scale"]([1, 2], 3).tolist() == [3, 6]
    assert namespace["Scaler"]().go(4) == 2.0
    names = [n.name for n in ast.parse(result).body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert names == ["add", "Scaler", "scale"]  # replaced in place, order kept


def test_mutate_replaces_classes():
    namespace = run(mutate(SOLUTION, "class Scaler:\n    def go(self, x):\n        return -x\n"))
    assert namespace["Scaler"]().go(4) == -4


def test_mutate_adds_mutant_imports_and_future_stays_first():
    result = mutate(SOLUTION, "import math\nfrom functools import reduce\n\ndef add(a, b):\n    return math.floor(reduce(lambda x, y: x + y, [a, b]) / 2)\n")
    body = ast.parse(result).body
    assert isinstance(body[0], ast.ImportFrom) and body[0].module == "__future__"
    assert run(result)["add"](3, 4) == 3


def test_mutate_appends_new_definitions():
    result = mutate(SOLUTION, "def helper():\n    return 7\n\ndef add(a, b):\n    return helper()\n")
    body = ast.parse(result).body
    assert isinstance(body[-1], ast.FunctionDef) and body[-1].name == "helper"
    assert run(result)["add"](1, 1) == 7


def test_mutate_ignores_mutant_top_level_statements():
    result = mutate(SOLUTION, "print('side effect')\nRATE = 99\ndef add(a, b):\n    return 0\n")
    assert "print" not in result
    assert run(result)["RATE"] == 0.5


@pytest.mark.parametrize(
    ("mutant", "expected"),
    [
        ("", "mutants/empty.py: this mutant replaces no definition of the solution; it defines nothing"),
        ("import math\n\n\ndef sadd(a, b):\n    return 0\n", "mutants/empty.py:4: this mutant replaces no definition of the solution; it defines sadd"),
    ],
)
def test_a_mutant_that_replaces_nothing_is_refused_with_its_file_and_line(mutant, expected):
    with pytest.raises(UserError) as refused:
        mutate(SOLUTION, mutant, "mutants/empty.py")
    assert str(refused.value).startswith(expected)


def test_mutate_replaces_every_definition_of_the_name():
    solution = "def f():\n    return 1\n\ndef f():\n    return 2\n"
    assert run(mutate(solution, "def f():\n    return 99\n"))["f"]() == 99


LAB_TOML = '''\
id = "07_m"
title = "M"
notebook = "m.ipynb"

[[questions]]
id = "add"
points = 1

[[questions]]
id = "scale"
points = 1
'''


@pytest.fixture
def lab_root(tmp_path):
    lab_dir = tmp_path / "labs" / "07_m"
    lab_dir.mkdir(parents=True)
    (lab_dir / "lab.toml").write_text(LAB_TOML)
    mutants = tmp_path / "solutions" / "07_m" / "mutants"
    mutants.mkdir(parents=True)
    (mutants / "add_subtracts.py").write_text("def add(a, b):\n    return a - b\n")
    (mutants / "both_wrong.py").write_text("def add(a, b):\n    return 0\n")
    return tmp_path


def write_index(root: Path, text: str) -> None:
    (root / "solutions" / "07_m" / "mutants.toml").write_text(text)


def test_no_index_means_no_mutants(lab_root):
    assert load_mutants(load_lab(lab_root / "labs" / "07_m")) == []


def test_load_mutants(lab_root):
    write_index(lab_root, '''\
[[mutant]]
file = "add_subtracts.py"
loses = ["add"]
why = "sign error"

[[mutant]]
file = "both_wrong.py"
loses = ["add", "scale"]
''')
    mutants = load_mutants(load_lab(lab_root / "labs" / "07_m"))
    assert [(m.name, m.loses, m.why) for m in mutants] == [
        ("add_subtracts", ("add",), "sign error"),
        ("both_wrong", ("add", "scale"), ""),
    ]
    assert mutants[0].path == lab_root.resolve() / "solutions" / "07_m" / "mutants" / "add_subtracts.py"


@pytest.mark.parametrize(
    "entry",
    [
        'file = "add_subtracts.py"\nloses = ["nope"]',
        'file = "add_subtracts.py"\nloses = ["add", "nope"]',
        'file = "add_subtracts.py"\nloses = []',
        'file = "add_subtracts.py"',
        'file = "missing.py"\nloses = ["add"]',
        'loses = ["add"]',
        'file = "add_subtracts.py"\nloses = "add"',
    ],
    ids=["unknown-question", "one-unknown", "empty-loses", "no-loses", "missing-file", "no-file", "loses-string"],
)
def test_load_mutants_validation_errors(lab_root, entry):
    write_index(lab_root, f"[[mutant]]\n{entry}\n")
    with pytest.raises(UserError, match=r"needs an existing file and 'loses' from \['add', 'scale'\]"):
        load_mutants(load_lab(lab_root / "labs" / "07_m"))


def test_load_mutants_bad_toml(lab_root):
    write_index(lab_root, "[[mutant]\nfile = ")
    with pytest.raises(UserError, match="not valid TOML"):
        load_mutants(load_lab(lab_root / "labs" / "07_m"))
