"""Failure text a student can act on: the lab's message first, no pytest dump, arrays on one line."""

from autograder.judge.failure_text import MAX_DETAIL_LINES, readable_failure

DUMP = """AssertionError: he_normal((500, 300)): expected std sqrt(2/fan_in) = 0.06325, got 0.08158
assert np.float64(0.2898248400254262) < 0.04
 +  where np.float64(0.2898248400254262) = abs(((np.float64(0.08157568554285317) / np.float64(0.06324555320336758)) - 1))
 +      where <built-in method std of numpy.ndarray object at 0x7f> = array([[ 0.028,  0.067, ...,\\n         0.145]], shape=(500, 300)).std"""


def test_a_labs_message_is_kept_and_pytests_explanation_dropped():
    assert readable_failure(DUMP) == "he_normal((500, 300)): expected std sqrt(2/fan_in) = 0.06325, got 0.08158"


def test_numpy_array_reprs_are_joined_onto_one_line():
    text = "AssertionError: \nNot equal to tolerance rtol=1e-07, atol=0\n ACTUAL: array([[1., 2.],\n       [3., 4.]])\n DESIRED: array([[0., 0.],\n       [0., 0.]])"
    assert readable_failure(text).splitlines() == [
        "Not equal to tolerance rtol=1e-07, atol=0", " ACTUAL: array([[1., 2.], [3., 4.]])", " DESIRED: array([[0., 0.], [0., 0.]])",
    ]


def test_a_bare_assert_keeps_its_comparison_and_drops_the_hints_to_pytest_flags():
    text = "AssertionError: assert [1, 2] == [1, 3]\n  \n  At index 1 diff: 2 != 3\n  Use -v to get more diff"
    out = readable_failure(text)
    assert out.startswith("assert [1, 2] == [1, 3]") and "At index 1 diff: 2 != 3" in out and "Use -v" not in out


def test_other_exceptions_keep_their_type_and_long_text_is_bounded():
    assert readable_failure("TypeError: unsupported operand").startswith("TypeError: unsupported operand")
    long = readable_failure("ValueError: x\n" + "\n".join(f"line {i} " + "y" * 500 for i in range(50)))
    lines = long.splitlines()
    assert len(lines) == MAX_DETAIL_LINES + 1 and lines[-1] == "…" and all(len(line) < 320 for line in lines)
