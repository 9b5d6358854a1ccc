"""A failed assertion as a student reads it: the lab's own message first, then a short detail.

pytest's introspection dump (`+  where ...` lines full of object reprs, "Use -v to get more
diff") follows a lab's message and buries it; numpy reprs break arrays over many lines.
"""

from __future__ import annotations

MAX_DETAIL_LINES = 12
MAX_LINE_CHARS = 300
_NOISE = ("Use -v to get more diff", "Use -vv to get more diff", "Full diff:", "Omitting ", "(pytest_assertion plugin:")
_OPENING, _CLOSING = "([{", ")]}"


def _join_wrapped_reprs(text: str) -> str:
    """Line breaks inside brackets (numpy's array repr) become one space; one linear pass."""
    out: list[str] = []
    depth, skipping_indent = 0, False
    for char in text:
        if skipping_indent and char == " ":
            continue
        skipping_indent = False
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(depth - 1, 0)
        elif char == "\n":
            if depth > 0:
                out.append(" ")
                skipping_indent = True
                continue
        out.append(char)
    return "".join(out)


def readable_failure(text: str) -> str:
    """The failure's first line (the lab's message: expected vs got, hint) and a short detail."""
    lines = _join_wrapped_reprs(text).splitlines()
    if lines and lines[0].startswith("AssertionError"):
        lines[0] = lines[0].removeprefix("AssertionError").removeprefix(":").strip()
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and not lines[0].startswith("assert "):  # a lab's own message: pytest's explanation follows it
        lines = next((lines[:i] for i, line in enumerate(lines) if i and line.startswith("assert ")), lines)
    kept = [line for line in lines if not line.lstrip().startswith("+") and not line.lstrip().startswith(_NOISE)]
    kept = [line if len(line) <= MAX_LINE_CHARS else line[:MAX_LINE_CHARS] + " …" for line in kept]
    return "\n".join(kept[:MAX_DETAIL_LINES] + (["…"] if len(kept) > MAX_DETAIL_LINES else []))
