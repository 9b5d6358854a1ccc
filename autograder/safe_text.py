"""Neutralise text that a submission controls before it reaches a terminal, Markdown, CSV or HTML.

`plain` is applied where the judge records text (test messages, notes, status messages), so
every report starts from clean text; `csv_cell` and `markdown_inline`/`markdown_code` add
what their format needs (HTML is escaped by Jinja's autoescaping). Every pattern here is
linear in its input.
"""

from __future__ import annotations

import re

_ESCAPE_SEQUENCES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
# C0 and C1 controls but tab and newline, DEL, and the bidirectional overrides of "Trojan Source"
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_.]{0,79}")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_SPECIALS = re.compile(r"([\\`\[\]<>|])")  # what makes links, images, HTML, tables and code spans
_BACKTICK_RUNS = re.compile(r"`+")
MAX_TEXT_CHARS = 20_000


def plain(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """Text with escape sequences and control characters removed, line breaks as `\\n`, at most `limit` chars."""
    text = _LINE_BREAKS.sub("\n", text[: 4 * limit])
    return _INVISIBLE.sub("", _ESCAPE_SEQUENCES.sub("", text))[:limit]


def identifier(text: object, fallback: str = "Exception") -> str:
    """A name the worker reported (an exception type): kept only if it looks like a Python name."""
    return text if isinstance(text, str) and _IDENTIFIER.fullmatch(text) else fallback


def csv_cell(text: str) -> str:
    """Plain text that no spreadsheet evaluates (OWASP: a leading quote on formula starts)."""
    text = plain(text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def markdown_inline(text: str) -> str:
    """Plain text shown literally inside a Markdown line (no links, images, HTML or emphasis)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", plain(text).replace("\n", " "))


def _fence_for(text: str) -> int:
    return 1 + max((len(run) for run in _BACKTICK_RUNS.findall(text)), default=0)


def markdown_code_span(text: str) -> str:
    """Inline code that the text cannot close early."""
    text = plain(text).replace("\n", " ")
    fence = "`" * _fence_for(text)
    return f"{fence} {text} {fence}" if text.startswith("`") or text.endswith("`") else f"{fence}{text}{fence}"


def markdown_code(text: str, indent: str = "") -> list[str]:
    """A fenced code block that the text cannot close early."""
    text = plain(text)
    fence = "`" * max(3, _fence_for(text))
    return [f"{indent}{fence}", *[f"{indent}{line}" for line in text.splitlines()], f"{indent}{fence}"]
