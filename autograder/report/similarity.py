"""The similarity report: which submissions share graded code beyond the skeleton, found with
copydetect's winnowed fingerprints (the method MOSS uses), side by side for a person to judge.
It is never a grade and never changes one.

What is compared is what grading sees (the extracted imports, definitions and constants), so
demo cells and outputs do not count; the skeleton's code is boilerplate and never counts
either. Code is bounded in size before it is tokenised, and every character reaches the page
escaped.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from pathlib import Path

from autograder.atomic_write import write_text_atomically
from autograder.extract import UnreadableSubmission, extract_definitions, read_code_cells
from autograder.report.html import ENV
from autograder.submissions import Submission

SIMILARITY_NAME = "similarity.html"
MAX_CODE_CHARS = 200_000  # longer graded code is left out of the comparison (and said so)
NOISE_TOKENS = 25  # copydetect's k: shorter shared runs are noise
MIN_SHARED_TOKENS = 100  # a pair sharing less (a changed import line, a message) is not listed, whatever its share
MAX_PAIRS_SHOWN = 50

REPORT_TEMPLATE = """\
{% extends "base.html" %}
{% block title %}Similarity: {{ lab_id }}{% endblock %}
{% block body %}
<style>
  body { max-width: 90rem; }
  .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); gap: 1rem; }
  .pair pre { margin: .4rem 0 0; max-height: 40rem; overflow: auto; }
  mark { background: #fff8c5; }
</style>
<h1>Similarity: {{ lab_id }}</h1>
<p class="sub">{{ compared }} submissions compared on their graded code, the skeleton's code ignored ·
pairs where at least {{ '%.0f' % (threshold * 100) }}% of one submission's code is found in the other ·
a report for a person to read, never a grade.</p>
{% if left_out %}<p class="hint">Not compared (no readable code, or more than {{ max_chars }} characters): {{ left_out | join(', ') }}</p>{% endif %}
{% for pair in pairs %}
<h2>{{ pair.first }} · {{ pair.second }}: {{ '%.0f' % (pair.shares[0] * 100) }}% / {{ '%.0f' % (pair.shares[1] * 100) }}%</h2>
<div class="pair">
  {% for name, segments in ((pair.first, pair.first_segments), (pair.second, pair.second_segments)) %}
  <div><b>{{ name }}</b><pre>{% for text, shared in segments %}{% if shared %}<mark>{{ text }}</mark>{% else %}{{ text }}{% endif %}{% endfor %}</pre></div>
  {% endfor %}
</div>
{% else %}
<p>No pair of submissions shares that much code.</p>
{% endfor %}
{% if more %}<p class="hint">{{ more }} more pair(s) above the threshold are not shown.</p>{% endif %}
{% endblock %}
"""

_TEMPLATE = ENV.from_string(REPORT_TEMPLATE)


@dataclass(frozen=True)
class SimilarPair:
    first: str
    second: str
    shares: tuple[float, float]  # the share of each one's code that is found in the other
    first_segments: list[tuple[str, bool]]  # the code as (text, shared with the other) runs
    second_segments: list[tuple[str, bool]]


def graded_code(submission: Submission) -> str | None:
    """What grading extracts from a submission, or None when there is nothing (or too much)."""
    if submission.problem is not None:
        return None
    try:
        code = extract_definitions(read_code_cells(submission.source_name, submission.content)).module_source
    except (UnreadableSubmission, RecursionError, ValueError, MemoryError):
        return None
    return code if code.strip() and len(code) <= MAX_CODE_CHARS else None


def _segments(code: str, slices: object) -> list[tuple[str, bool]]:
    starts, ends = slices  # type: ignore[misc]
    runs, position = [], 0
    for start, end in sorted(zip((int(s) for s in starts), (int(e) for e in ends))):
        start, end = max(start, position), min(end, len(code))
        if start >= end:
            continue
        runs += [(code[position:start], False), (code[start:end], True)]
        position = end
    return [run for run in runs + [(code[position:], False)] if run[0]]


def similar_pairs(codes: dict[str, str], skeleton: str, threshold: float, limit: int = MAX_PAIRS_SHOWN) -> tuple[list[SimilarPair], int]:
    """The `limit` most similar pairs where at least `threshold` of one's code (skeleton
    excluded) is in the other, and at least MIN_SHARED_TOKENS of it; and how many pairs are."""
    from copydetect import CodeFingerprint, compare_files  # imports matplotlib: only when a report is made

    def fingerprint(name: str, code: str, boilerplate: list[int]) -> CodeFingerprint:
        return CodeFingerprint(f"{name}.py", NOISE_TOKENS, 1, boilerplate, fp=io.StringIO(code))

    boilerplate = list(fingerprint("skeleton", skeleton, []).hashes) if skeleton else []
    prints = {name: fingerprint(name, code, boilerplate) for name, code in sorted(codes.items())}
    found = []
    for (first, a), (second, b) in itertools.combinations(prints.items(), 2):
        common = len(a.hashes & b.hashes)  # cheap bound first: most pairs share little
        if common == 0 or common < threshold * min(len(a.hashes), len(b.hashes)) / 2:
            continue
        overlap, shares, slices = compare_files(a, b)
        if overlap >= MIN_SHARED_TOKENS and max(shares) >= threshold:
            found.append((-max(shares), first, second, (float(shares[0]), float(shares[1])), slices))
    found.sort(key=lambda item: item[:3])
    return [
        SimilarPair(first, second, shares, _segments(prints[first].raw_code, slices[0]), _segments(prints[second].raw_code, slices[1]))
        for _, first, second, shares, slices in found[:limit]
    ], len(found)


def write_similarity_report(lab_id: str, skeleton: Submission | None, submissions: list[Submission], out: Path, threshold: float) -> Path:
    """Compare every submission's graded code; write OUT/similarity.html and return its path."""
    codes = {s.student: graded_code(s) for s in submissions}
    compared = {name: code for name, code in codes.items() if code is not None}
    skeleton_code = (graded_code(skeleton) if skeleton else None) or ""
    pairs, total = similar_pairs(compared, skeleton_code, threshold)
    page = _TEMPLATE.render(
        lab_id=lab_id, compared=len(compared), threshold=threshold, pairs=pairs,
        more=total - len(pairs), left_out=sorted(set(codes) - set(compared)), max_chars=MAX_CODE_CHARS,
    )
    path = out / SIMILARITY_NAME
    write_text_atomically(path, page)
    return path
