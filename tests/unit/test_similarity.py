"""The similarity report (copydetect's winnowing): copies are found even renamed, the skeleton
never counts, independent work is not listed, and hostile code reaches the page escaped."""

from __future__ import annotations

import re
from pathlib import Path

from autograder.report.similarity import MAX_CODE_CHARS, similar_pairs, write_similarity_report
from autograder.submissions import Submission

SKELETON = '''
import numpy as np

def normalise(rows):
    """Scale every row to unit length."""
    raise NotImplementedError("Replace this line with your code.")

def moving_average(values, window):
    """The mean of each run of `window` values."""
    raise NotImplementedError("Replace this line with your code.")
'''

ORIGINAL = '''
import numpy as np

def normalise(rows):
    """Scale every row to unit length."""
    rows = np.asarray(rows, dtype=float)
    lengths = np.sqrt(np.sum(rows * rows, axis=1, keepdims=True))
    lengths[lengths == 0] = 1.0
    return rows / lengths

def moving_average(values, window):
    """The mean of each run of `window` values."""
    values = np.asarray(values, dtype=float)
    if window <= 0 or window > len(values):
        raise ValueError("window must be between 1 and the number of values")
    totals = np.cumsum(np.concatenate([[0.0], values]))
    return (totals[window:] - totals[:-window]) / window
'''

RENAMED_COPY = (
    ORIGINAL.replace("rows", "matrix").replace("lengths", "norms").replace("values", "xs").replace("totals", "running")
)

INDEPENDENT = '''
import numpy as np

def normalise(rows):
    """Scale every row to unit length."""
    out = []
    for row in rows:
        size = float(np.linalg.norm(row)) or 1.0
        out.append([entry / size for entry in row])
    return np.array(out)

def moving_average(values, window):
    """The mean of each run of `window` values."""
    if not 1 <= window <= len(values):
        raise ValueError("bad window")
    return np.array([sum(values[i:i + window]) / window for i in range(len(values) - window + 1)])
'''


def submission(student: str, code: str) -> Submission:
    return Submission(student, f"{student}.py", code.encode())


def test_a_renamed_copy_is_found_and_independent_work_is_not():
    pairs, total = similar_pairs({"ann": ORIGINAL, "ben": RENAMED_COPY, "cid": INDEPENDENT}, SKELETON, threshold=0.5)
    assert total == 1
    assert [(pair.first, pair.second) for pair in pairs] == [("ann", "ben")]
    assert min(pairs[0].shares) > 0.8
    shared = "".join(text for text, marked in pairs[0].first_segments if marked)
    assert "np.cumsum" in shared


def test_the_skeleton_is_boilerplate_so_untouched_skeletons_are_not_similar():
    assert similar_pairs({"ann": SKELETON, "ben": SKELETON + "\n", "cid": INDEPENDENT}, SKELETON, threshold=0.1) == ([], 0)
    assert similar_pairs({"ann": ORIGINAL, "ben": ORIGINAL}, ORIGINAL, threshold=0.1) == ([], 0)
    assert similar_pairs({"ann": ORIGINAL, "ben": ORIGINAL}, "", threshold=0.5)[1] == 1  # without it, they would be


def test_the_threshold_is_the_instructors():
    partial = INDEPENDENT.split("def moving_average")[0] + "def moving_average" + ORIGINAL.split("def moving_average")[1]  # one copied
    low, _ = similar_pairs({"ann": ORIGINAL, "dan": partial}, SKELETON, threshold=0.2)
    high, _ = similar_pairs({"ann": ORIGINAL, "dan": partial}, SKELETON, threshold=0.95)
    assert len(low) == 1 and high == []


def test_the_page_escapes_code_and_names_and_lists_what_was_left_out(tmp_path: Path):
    hostile = ORIGINAL.replace('"window must be between 1 and the number of values"', '"</pre><script>alert(1)</script>"')
    submissions = [
        submission("ann", hostile), submission("ben<img src=x onerror=alert(1)>", hostile),
        submission("huge", "".join(f"# %%\nCONSTANT_{i} = {'1' * 1000}\n" for i in range(MAX_CODE_CHARS // 1000 + 1))),
        Submission("junk", "junk.txt", problem="not a notebook"),
    ]
    page = write_similarity_report("00_toy", submission("skeleton", SKELETON), submissions, tmp_path, 0.5).read_text()
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page
    assert re.search(r"Not compared[^<]*huge", page) and "junk" in page
    assert "never a grade" in page


def test_only_the_most_similar_pairs_are_shown_and_the_rest_counted(tmp_path: Path):
    codes = {f"s{i}": ORIGINAL for i in range(5)}  # ten identical pairs
    shown, total = similar_pairs(codes, SKELETON, threshold=0.5, limit=3)
    assert len(shown) == 3 and total == 10
