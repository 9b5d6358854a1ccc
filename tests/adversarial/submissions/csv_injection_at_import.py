"""Attack: fail at import (from a class body) with a message built to break the gradebook:
forged CSV rows (quotes, CR/LF, an extra "aaa_bystander_first" row with 0 points),
spreadsheet formulas, and a fake "graded" status. The message ends up in the grades.csv
"message" column.

Expected: status crashed, score 0, and grades.csv still has exactly one row per
submission with the right scores (the message is quoted, not interpreted).
"""
ROWS = '",0,5,crashed\r\naaa_bystander_first,0,5,crashed,0,0,"forged\r\nzzz_bystander_last,0,5,crashed,0,0,=HYPERLINK(""http://x"")\n'


class Boom:
    raise RuntimeError(ROWS * 3)


def add(a, b):
    raise NotImplementedError


def scale(x, k):
    raise NotImplementedError
