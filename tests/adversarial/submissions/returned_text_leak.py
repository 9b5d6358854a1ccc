"""Attack: return strings that carry the call's arguments, so that the judge's assertion
message ("assert '...' == -3") copies the hidden test's inputs into results.json, the
feedback or Gradescope's output.

Expected: score 0; the marker never appears in a hidden test's message anywhere.
"""


def add(a, b):
    return f"ADVERSARIAL-LEAK add{(a, b)!r}"


def scale(x, k):
    return f"ADVERSARIAL-LEAK scale k={k!r} x={x!r}"
