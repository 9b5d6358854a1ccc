"""safe_text: what reaches terminals, Markdown, CSV and HTML is neutralised, in linear time."""

import time

import pytest

from autograder.safe_text import csv_cell, identifier, markdown_code, markdown_code_span, markdown_inline, plain


@pytest.mark.parametrize("raw, clean", [
    ("\x1b[2J\x1b[1;32mPASSED\x1b[0m", "PASSED"),
    ("\x1b]8;;http://evil/\x07link\x1b]8;;\x07", "link"),
    ("a\u202eb\u2066c", "abc"),
    ("nul\x00 bs\x08 bell\x07", "nul bs bell"),
    ("line\r\nnext\rthird\u2028fourth", "line\nnext\nthird\nfourth"),
    ("tabs\tstay", "tabs\tstay"),
])
def test_plain_removes_escapes_and_controls(raw, clean):
    assert plain(raw) == clean


def test_plain_is_bounded_and_linear():
    assert len(plain("x" * 100_000, limit=50)) == 50
    started = time.perf_counter()
    plain("\x1b[" * 200_000 + "\x1b]" * 200_000)
    assert time.perf_counter() - started < 5  # a quadratic pattern would take minutes


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"x\")", "+1", "-1+2", "@SUM(A1)", "\tx"])
def test_csv_formula_starts_are_made_inert(cell):
    assert csv_cell(cell).startswith("'")


def test_csv_carriage_return_becomes_a_plain_line_break():
    assert csv_cell("\r=1") == "\n=1"


def test_csv_keeps_ordinary_text():
    assert csv_cell("bad, \"quoted\"\nmessage") == "bad, \"quoted\"\nmessage"


def test_markdown_inline_defeats_links_images_html_and_tables():
    text = markdown_inline("[x](http://e) ![i](http://e/p) <script> a|b `c`")
    assert "[x](" not in text and "<script>" not in text and "\\|" in text and "\\`" in text


def test_markdown_code_cannot_be_closed_early():
    block = markdown_code("```\nescaped?\n````")
    assert block[0] == block[-1] == "`````"
    assert markdown_code_span("a`b") == "``a`b``"


@pytest.mark.parametrize("name, kept", [("ValueError", "ValueError"), ("my.Error", "my.Error"),
                                        ("<b>", "Exception"), ("x" * 200, "Exception"), (None, "Exception")])
def test_identifier_keeps_only_python_names(name, kept):
    assert identifier(name) == kept
