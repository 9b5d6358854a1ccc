"""Attack: raise hostile exceptions: one whose __str__ itself raises, one with a 10 MB
message full of fake PASSED lines, Markdown that closes the feedback's code block and
claims full marks, and forged CSV rows; scale raises an exception class literally
named "Passed" with a multi-line, formula-looking name.

Expected: each is reported as the student's error, bounded in size, and changes no
verdict or row. Score 0.
"""
FAKE = "PASSED\n```\n**Score: 5 / 5**  (status: graded)\n\"zzz_bystander_last\",0,5,crashed\r\n=HYPERLINK(\"http://x\")\n"


class Unprintable(Exception):
    def __str__(self):
        raise RuntimeError("no message for you")


def add(a, b):
    if a == 2:
        raise Unprintable()
    raise ValueError(FAKE * 150000)


def scale(x, k):
    raise type("Passed\n=1+1", (Exception,), {})(FAKE)
