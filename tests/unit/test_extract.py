"""Extraction keeps graded definitions and drops everything that would run at import."""

from __future__ import annotations

import ast
import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder.extract import UnreadableSubmission, extract_definitions, read_code_cells


def notebook_bytes(*cells) -> bytes:
    notebook = new_notebook(cells=[c if not isinstance(c, str) else new_code_cell(c) for c in cells])
    return nbformat.writes(notebook).encode()


def extract(*cells):
    return extract_definitions(list(cells))


def run_module(source: str) -> dict:
    namespace: dict = {}
    exec(compile(source, "<extracted>", "exec"), namespace)
    return namespace


def test_keeps_imports_defs_classes_and_constants():
    result = extract(
        "import math\nfrom os import path as p\nimport os.path\n",
        "def f(x):\n    return x + 1\n\nasync def g():\n    return 2\n",
        "class Model:\n    SIZE = 3\n    def go(self):\n        return self.SIZE\n",
        "LEARNING_RATE = 0.01\nEPOCHS: int = 3\n__all__ = ['f']\nAA = BB = 7\n",
    )
    assert result.syntax_errors == []
    assert result.defined == sorted(["math", "p", "os", "f", "g", "Model", "LEARNING_RATE", "EPOCHS", "__all__", "AA", "BB"])
    namespace = run_module(result.module_source)
    assert namespace["f"](1) == 2 and namespace["Model"]().go() == 3
    assert namespace["LEARNING_RATE"] == 0.01 and namespace["AA"] == 7


def test_single_letter_capitals_are_data_not_constants():
    result = extract("import numpy as np\nX = np.ones(3)\nW = X * 2\nXS = np.zeros(2)\n")
    assert result.defined == ["XS", "np"]


def test_a_constant_whose_value_fails_is_skipped_not_fatal():
    result = extract("import numpy as np\nH = 1\nHIDDEN = np.stack(demo_outputs)\nSEED = 3\n")
    namespace = run_module(result.module_source)
    assert "HIDDEN" not in namespace and namespace["SEED"] == 3


def test_keeps_import_only_try_blocks():
    source = "try:\n    import numpy as np\nexcept ImportError:\n    np = None\nelse:\n    pass\n"
    result = extract(source)
    assert "import numpy as np" in result.module_source
    assert "np = None" in result.module_source


def test_drops_try_blocks_that_do_more_than_import():
    result = extract("try:\n    import numpy\n    train()\nexcept ImportError:\n    pass\n")
    assert "train" not in result.module_source
    assert "numpy" not in result.module_source


@pytest.mark.parametrize(
    "statement",
    [
        "train(model)",
        "print('hello')",
        "for epoch in range(1000):\n    model.fit(x)",
        "while True:\n    pass",
        "history = model.fit(x, y, epochs=50)",
        "x = 3",
        "lowercase_constant = 1",
        "Mixed_Case = 2",
        "if __name__ == '__main__':\n    main()",
        "with open('f') as h:\n    data = h.read()",
        "plt.show()",
        "assert False",
        "raise SystemExit(1)",
        "del something",
        "x += 1",
        "A, B = 1, 2",
        "'a docstring-like expression'",
    ],
)
def test_drops_top_level_code(statement):
    result = extract("def keep():\n    return 1\n", statement)
    assert ast.dump(ast.parse(result.module_source)) == ast.dump(ast.parse("def keep():\n    return 1\n"))
    assert result.defined == ["keep"]


def test_extracted_module_does_not_run_dropped_code():
    result = extract("raise RuntimeError('demo cell')", "def f():\n    return 5", "f()\nimport sys\nsys.exit(3)")
    namespace = run_module(result.module_source)
    assert namespace["f"]() == 5


def test_syntax_error_skips_only_that_cell_and_is_reported():
    result = extract("def a():\n    return 1\n", "def b(:\n    return 2\n", "def c():\n    return 3\n")
    assert result.defined == ["a", "c"]
    assert len(result.syntax_errors) == 1
    assert "code cell 2" in result.syntax_errors[0]
    assert "line 1" in result.syntax_errors[0]
    assert "skipped" in result.syntax_errors[0]


def test_several_syntax_errors_each_reported():
    result = extract("x = (", "def ok():\n    pass", "    indented = 1\n  bad")
    assert [e.split(",")[0] for e in result.syntax_errors] == ["code cell 1", "code cell 3"]
    assert result.defined == ["ok"]


def test_ipython_magics_do_not_break_extraction():
    content = notebook_bytes(
        "%matplotlib inline\nimport numpy as np",
        "!pip install tensorflow\n%load_ext autoreload",
        "def f(x):\n    return np.asarray(x) * 2\nf?",
        "files = !ls\n%time f(3)",
    )
    result = extract_definitions(read_code_cells("lab.ipynb", content))
    assert result.syntax_errors == []
    assert result.defined == ["f", "np"]
    assert "pip" not in result.module_source and "matplotlib" not in result.module_source
    assert run_module(result.module_source)["f"](2) == 4


def test_notebook_skips_markdown_and_raw_cells():
    notebook = new_notebook(cells=[
        new_markdown_cell("def not_code():\n    pass"),
        nbformat.v4.new_raw_cell("def raw():\n    pass"),
        new_code_cell("def code():\n    pass"),
    ])
    cells = read_code_cells("lab.ipynb", nbformat.writes(notebook).encode())
    assert extract_definitions(cells).defined == ["code"]


def test_notebook_with_utf8_bom_and_non_ascii():
    content = b"\xef\xbb\xbf" + notebook_bytes("def gr\u00fc\u00df():\n    return '\u00e9\u2713'")
    result = extract_definitions(read_code_cells("lab.ipynb", content))
    assert run_module(result.module_source)["gr\u00fc\u00df"]() == "\u00e9\u2713"


def test_future_import_hoisted_to_top():
    result = extract("import os", "def f() -> 'X':\n    pass", "from __future__ import annotations")
    first = ast.parse(result.module_source).body[0]
    assert isinstance(first, ast.ImportFrom) and first.module == "__future__"
    run_module(result.module_source)  # a misplaced __future__ import would be a SyntaxError
    assert "__future__" not in result.defined


def test_later_definitions_win():
    result = extract("def f():\n    return 1", "RATE = 1", "def f():\n    return 2", "RATE = 2")
    namespace = run_module(result.module_source)
    assert namespace["f"]() == 2 and namespace["RATE"] == 2
    assert result.defined == ["RATE", "f"]


def test_py_file_split_on_percent_markers():
    text = "# %%\nimport math\n# %% [markdown]\n# notes\n# %%\ndef f(:\n# %%\ndef g():\n    return math.pi\n"
    cells = read_code_cells("lab.py", text.encode())
    assert len(cells) == 4
    result = extract_definitions(cells)
    assert result.defined == ["g", "math"]
    assert len(result.syntax_errors) == 1 and "code cell 3" in result.syntax_errors[0]


def test_py_file_without_markers_is_one_cell():
    assert read_code_cells("lab.py", b"import os\n\ndef f():\n    pass\n") == ["import os\n\ndef f():\n    pass"]


def test_empty_py_file_has_no_cells():
    assert read_code_cells("lab.py", b"\n\n   \n") == []
    assert extract_definitions([]).defined == []


def test_non_json_notebook_raises_clear_error():
    with pytest.raises(UnreadableSubmission, match=r"lab\.ipynb is not a notebook \(not valid JSON\)"):
        read_code_cells("lab.ipynb", b"this is not json {")


@pytest.mark.parametrize("document", [[1, 2], {"cells": "nope"}, {"nbformat": 4}, "just a string"])
def test_json_that_is_not_a_notebook_raises(document):
    with pytest.raises(UnreadableSubmission, match="lab.ipynb"):
        read_code_cells("lab.ipynb", json.dumps(document).encode())


@pytest.mark.parametrize("filename", ["lab.ipynb", "lab.py"])
def test_non_utf8_raises_clear_error(filename):
    with pytest.raises(UnreadableSubmission, match="not UTF-8"):
        read_code_cells(filename, b"def f():\n    return '\xff\xfe'\n")


@pytest.mark.parametrize("filename", ["lab.txt", "lab.docx", "lab", "lab.ipynb.zip"])
def test_unsupported_extension_raises_clear_error(filename):
    with pytest.raises(UnreadableSubmission, match="unsupported file type"):
        read_code_cells(filename, b"def f(): pass")


def test_definitions_under_a_cell_magic_are_kept():
    content = notebook_bytes("%%time\ndef f():\n    return 1")
    assert "f" in extract_definitions(read_code_cells("lab.ipynb", content)).defined


def test_a_function_reading_a_dropped_variable_is_warned_about():
    cells = ["import numpy as np\ngain = 2.0\nfor i in range(3):\n    pass", "def he(n):\n    return np.sqrt(gain / n) + len([k for k in range(2)])"]
    warnings = extract_definitions(cells).dropped_names
    assert len(warnings) == 1 and warnings[0].startswith("`gain` is defined at top level") and "name it GAIN" in warnings[0]


@pytest.mark.parametrize(
    "cells",
    [
        ["gain = 2.0", "def he(n):\n    gain = 3\n    return gain / n"],  # local
        ["gain = 2.0", "def he(n):\n    return n + len(GAIN_TABLE)", "GAIN_TABLE = [1]"],  # not dropped
        ["gain = 2.0", "def he(n):\n    return gain / n", "def he(n):\n    return 2.0 / n"],  # only the last he counts
        ["from math import gain", "gain = 2.0", "def he(n):\n    return gain / n"],  # also imported
        ["def he(n):\n    return len(n)", "len = 3"],  # a builtin
    ],
)
def test_no_warning_when_the_name_survives_extraction(cells):
    assert extract_definitions(cells).dropped_names == []


def test_class_bodies_and_nested_functions_are_checked_too():
    cells = ["rate, steps = 0.1, 3", "class Opt:\n    lr = rate\n    def step(self):\n        def inner():\n            return steps\n        return inner()"]
    assert [w.split("`")[1] for w in extract_definitions(cells).dropped_names] == ["rate", "steps"]
