"""Solution regions become student placeholders; malformed markers are refused."""

from __future__ import annotations

import pytest

from autograder.errors import UserError
from autograder.notebooks.skeleton import solution_lines, strip_solutions

PLACEHOLDER = 'raise NotImplementedError("Replace this line with your code.")'


def test_region_replaced_with_placeholder_keeping_indentation():
    source = (
        "def f(x):\n"
        "    \"\"\"Double x.\"\"\"\n"
        "    ### BEGIN SOLUTION\n"
        "    y = x * 2\n"
        "    return y\n"
        "    ### END SOLUTION\n"
        "\n"
        "print(f)"
    )
    assert strip_solutions(source) == (
        "def f(x):\n"
        "    \"\"\"Double x.\"\"\"\n"
        "    # YOUR CODE HERE\n"
        f"    {PLACEHOLDER}\n"
        "\n"
        "print(f)"
    )


def test_stripped_function_raises_not_implemented():
    source = "def f():\n    ### BEGIN SOLUTION\n    return 42\n    ### END SOLUTION\n"
    namespace: dict = {}
    exec(strip_solutions(source), namespace)
    with pytest.raises(NotImplementedError):
        namespace["f"]()


def test_several_regions_at_different_depths():
    source = (
        "### BEGIN SOLUTION\n"
        "RATE = 0.1\n"
        "### END SOLUTION\n"
        "class M:\n"
        "    def go(self):\n"
        "        if True:\n"
        "\t\t### BEGIN SOLUTION\n"
        "\t\treturn 1\n"
        "\t\t### END SOLUTION\n"
    )
    lines = strip_solutions(source).splitlines()
    assert lines[0] == "# YOUR CODE HERE" and lines[1] == PLACEHOLDER
    assert lines[-2] == "\t\t# YOUR CODE HERE" and lines[-1] == "\t\t" + PLACEHOLDER
    assert "RATE" not in strip_solutions(source) and "return 1" not in strip_solutions(source)


def test_source_without_regions_is_unchanged():
    source = "import os\n\ndef f():\n    return os.sep"
    assert strip_solutions(source) == source


def test_markers_with_trailing_spaces_are_recognised():
    source = "x = 1\n  ### BEGIN SOLUTION   \n  secret()\n  ### END SOLUTION \t"
    assert "secret" not in strip_solutions(source)


def test_marker_mentioned_inside_text_is_not_a_marker():
    source = "print('### BEGIN SOLUTION')\n# see ### END SOLUTION below"
    assert strip_solutions(source) == source


def test_end_without_begin_is_a_user_error():
    with pytest.raises(UserError, match=r"cell 3, line 2: '### END SOLUTION' without a matching begin"):
        strip_solutions("x = 1\n### END SOLUTION\n", where="cell 3")


def test_nested_begin_is_a_user_error():
    source = "### BEGIN SOLUTION\na = 1\n    ### BEGIN SOLUTION\nb = 2\n### END SOLUTION\n### END SOLUTION"
    with pytest.raises(UserError, match="line 3: nested"):
        strip_solutions(source)


def test_unclosed_region_is_a_user_error():
    with pytest.raises(UserError, match="never closed"):
        strip_solutions("def f():\n    ### BEGIN SOLUTION\n    return 1\n", where="cell 7")


def test_solution_lines_lists_region_contents():
    source = (
        "def f():\n"
        "    ### BEGIN SOLUTION\n"
        "    a = 1\n"
        "    return a\n"
        "    ### END SOLUTION\n"
        "OUTSIDE = 1\n"
        "### BEGIN SOLUTION\n"
        "SECRET = 2\n"
        "### END SOLUTION\n"
    )
    assert solution_lines(source) == ["    a = 1", "    return a", "SECRET = 2"]


def test_solution_lines_empty_without_regions():
    assert solution_lines("def f():\n    pass\n") == []


def test_no_solution_line_survives_stripping():
    source = "def f():\n    ### BEGIN SOLUTION\n    magic_value = 31337\n    return magic_value\n    ### END SOLUTION\n"
    stripped = strip_solutions(source)
    for line in solution_lines(source):
        assert line.strip() not in stripped


@pytest.mark.parametrize(
    "body",
    [
        "def f(x):\n### BEGIN SOLUTION\n    return x\n### END SOLUTION\n",  # marker at column 0 inside a function
        "def f(x):\n    if x:\n    ### BEGIN SOLUTION\n        return x\n    ### END SOLUTION\n    return 0\n",  # one level short
    ],
)
def test_a_skeleton_that_does_not_parse_is_refused_by_generate(tmp_path, body):
    from autograder.notebooks.generate import student_notebook

    source = tmp_path / "lab.py"
    source.write_text("# %% [markdown]\n# A lab\n\n# %%\n%matplotlib inline\nimport numpy as np\n\n# %%\n" + body)
    with pytest.raises(UserError, match=r"lab.py, cell 3: the student version does not parse \(line \d+"):
        student_notebook(source)


def test_a_skeleton_with_magics_that_parses_is_accepted(tmp_path):
    from autograder.notebooks.generate import student_notebook

    source = tmp_path / "lab.py"
    source.write_text("# %%\n%matplotlib inline\n!pip list\ndef f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION\n")
    assert "raise NotImplementedError" in student_notebook(source).cells[0].source
