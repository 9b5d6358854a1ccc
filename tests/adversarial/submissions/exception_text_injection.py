"""Attack: exception messages built to attack whoever reads them: ANSI escapes that rewrite the
instructor's terminal (clear screen, fake green "PASSED"), an OSC 8 hyperlink, bidirectional
overrides, NUL and backspaces, a Markdown link and image, raw HTML, a CSV formula, and, for
hidden tests, the call's arguments with a marker.

Expected: score 0; no escape or control character, bidi override, raw HTML or live Markdown
link in any output file; the marker never appears for a hidden test.
"""

PAYLOAD = (
    "\x1b[2J\x1b[1;32mPASSED all tests\x1b[0m \x1b]8;;http://evil.example/\x07click\x1b]8;;\x07 "
    "\u202eevil\u202c \x00\x08\x08 [click me](http://evil.example/) ![x](http://evil.example/p.png) "
    "<script>alert(1)</script>\r=HYPERLINK(\"http://evil.example\")"
)


def add(a, b):
    raise ValueError(f"{PAYLOAD} ADVERSARIAL-LEAK args={(a, b)!r}")


def scale(x, k):
    raise RuntimeError(f"{PAYLOAD} ADVERSARIAL-LEAK k={k!r}")
