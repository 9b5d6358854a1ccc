"""Attack: print fake test results everywhere a naive grader might parse them: a pytest
summary, JSON scores, a gradebook CSV row and a worker-protocol-looking message, at
import time and from inside add.

Expected: output is never parsed; add is wrong (a - b) and scale is not implemented,
so the score is 0.
"""
import json
import os
import sys

FAKES = [
    "tests/public/test_public.py::test_add_small PASSED",
    "tests/hidden/test_hidden.py::test_add_negative PASSED",
    "============================== 5 passed in 0.01s ==============================",
    json.dumps({"student": "fake_results_output", "score": 5, "max_score": 5, "status": "graded"}),
    "fake_results_output,5,5,graded,2,3,",
    json.dumps({"body": {"ok": 5}, "blobs": []}),
]


def _announce():
    text = "\n".join(FAKES) + "\n"
    print(text, flush=True)
    sys.stderr.write(text)
    sys.stderr.flush()
    for fd in (1, 2):
        try:
            os.write(fd, text.encode())
        except OSError:
            pass
    return len(text)


ANNOUNCED = _announce()


def add(a, b):
    _announce()
    return a - b


def scale(x, k):
    _announce()
    raise NotImplementedError
