"""The class summary page: score statistics, a histogram, per-question means and links to feedback."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path
from typing import Sequence
from urllib.parse import quote

from matplotlib.figure import Figure  # the OO API: no pyplot, no GUI backend, no display needed

from autograder.atomic_write import replacing, write_text_atomically
from autograder.lab import Lab
from autograder.lms.class_rows import ClassRow
from autograder.report.html import ENV, number
from autograder.results import SubmissionResult

SUMMARY_NAME = "summary.html"
HISTOGRAM_NAME = "score_histogram.png"

SUMMARY_TEMPLATE = """\
{% extends "base.html" %}
{% block title %}Class summary: {{ lab.id }}{% endblock %}
{% block body %}
<h1>Class summary: {{ lab.id }}</h1>
<p class="sub">{{ lab.title }} · lab version {{ lab.version }} · {{ number(lab.max_score) }} points</p>
<div class="stats">
  <div class="stat"><b>{{ stats.size }}</b><span>submissions</span></div>
  {% if stats.size %}
  <div class="stat"><b>{{ number(stats.mean) }}</b><span>mean ({{ '%.0f' % percent(stats.mean, lab.max_score) }}%)</span></div>
  <div class="stat"><b>{{ number(stats.median) }}</b><span>median</span></div>
  <div class="stat"><b>{{ number(stats.min) }}</b><span>min</span></div>
  <div class="stat"><b>{{ number(stats.max) }}</b><span>max</span></div>
  {% endif %}
</div>

<h2>Status</h2>
<div class="scroll"><table>
  <thead><tr><th>Status</th><th class="num">Submissions</th></tr></thead>
  <tbody>
  {% for status, count in statuses %}
    <tr><td><span class="status {{ 'graded' if status == 'graded' else 'other' }}">{{ status }}</span></td><td class="num">{{ count }}</td></tr>
  {% else %}
    <tr><td colspan="2">no submissions</td></tr>
  {% endfor %}
  </tbody>
</table></div>

<h2>Score distribution</h2>
<img src="{{ histogram }}" alt="Histogram of total scores out of {{ number(lab.max_score) }}" width="800" height="400">

<h2>Questions</h2>
<div class="scroll"><table>
  <thead><tr><th>Question</th><th class="num">Mean score</th><th>Mean</th><th class="num">Zero</th><th class="num">Partial</th><th class="num">Full marks</th><th>Distribution</th></tr></thead>
  <tbody>
  {% for row in questions %}
    <tr>
      <td class="text">{{ row.title }} <span class="tag">{{ row.id }}</span></td>
      <td class="num">{{ number(row.mean) }} / {{ number(row.points) }}</td>
      <td>{% set pct = percent(row.mean, row.points) %}<div class="bar{% if pct <= 0 %} zero{% elif pct < 100 %} partial{% endif %}"><span style="width: {{ '%.1f' % pct }}%"></span></div></td>
      <td class="num">{{ row.zero }}</td><td class="num">{{ row.partial }}</td><td class="num">{{ row.full }} / {{ stats.size }}</td>
      <td><div class="dist" title="zero {{ row.zero }}, partial {{ row.partial }}, full {{ row.full }}">{% for kind in ('zero', 'partial', 'full') %}<span class="{{ kind }}" style="width: {{ '%.1f' % percent(row[kind], stats.size) }}%"></span>{% endfor %}</div></td>
    </tr>
  {% endfor %}
  </tbody>
</table></div>
<p class="hint">A submission without a score for a question (for example an unreadable one) counts as 0 for it.</p>

{% if mistakes %}
<h2>Misconceptions</h2>
<p class="hint">Failed questions whose answers matched one of the lab's classic mistakes: what to re-teach.</p>
<div class="scroll"><table>
  <thead><tr><th>Question</th><th>Mistake</th><th class="num">Students</th><th>Who</th></tr></thead>
  <tbody>
  {% for row in mistakes %}
    <tr><td>{{ row.question }}</td><td class="text"><span class="tag">{{ row.id }}</span> {{ row.text }}</td><td class="num">{{ row.students | length }}</td>
      <td class="text">{% for student in row.students %}<a href="{{ feedback_href(student) }}">{{ student }}</a>{{ ', ' if not loop.last }}{% endfor %}</td></tr>
  {% endfor %}
  </tbody>
</table></div>
{% endif %}

<h2>Students</h2>
<div class="scroll"><table>
  <thead><tr><th>Student</th><th class="num">Score</th><th>Status</th>{% for q in lab.questions %}<th class="num">{{ q.id }}</th>{% endfor %}<th>Message</th></tr></thead>
  <tbody>
  {% for s in students %}
    <tr>
      <td class="name"><a href="{{ s.href }}">{{ s.result.student }}</a></td>
      <td class="num">{{ number(s.result.score) }} / {{ number(s.result.max_score) }}</td>
      <td><span class="status {{ 'graded' if s.result.status == 'graded' else 'other' }}">{{ s.result.status }}</span></td>
      {% for value in s.scores %}<td class="num">{{ '—' if value is none else number(value) }}</td>{% endfor %}
      <td class="text">{{ s.result.status_message }}</td>
    </tr>
  {% endfor %}
  </tbody>
</table></div>
{% if late %}
<h2>Late work</h2>
<div class="scroll"><table>
  <thead><tr><th>Student</th><th>Submitted</th><th class="num">Days late</th><th class="num">Penalty</th><th class="num">Final score</th></tr></thead>
  <tbody>
  {% for row in late %}
    <tr><td>{{ row.student }}</td><td>{{ row.identity.submitted_at or 'marked late by the LMS (time unknown)' }}</td>
      <td class="num">{{ row.late_days }}</td><td class="num">{{ number(row.penalty) }}</td><td class="num">{{ number(row.score) }}</td></tr>
  {% endfor %}
  </tbody>
</table></div>
{% endif %}
{% if missing or unmatched %}
<h2>Roster</h2>
{% if missing %}<p class="wrap">On the roster without a submission ({{ missing | length }}): {{ missing | join(', ') }}</p>{% endif %}
{% if unmatched %}<p class="wrap">Submissions matching nobody on the roster ({{ unmatched | length }}), graded and kept: {{ unmatched | join(', ') }}</p>{% endif %}
{% endif %}
{% if superseded %}
<h2>Resubmissions set aside</h2>
<div class="scroll"><table>
  <thead><tr><th>Set aside</th><th>Graded instead</th></tr></thead>
  <tbody>
  {% for old, new in superseded %}<tr><td class="text">{{ old }}</td><td class="text">{{ new }}</td></tr>{% endfor %}
  </tbody>
</table></div>
{% endif %}
{% endblock %}
"""

_TEMPLATE = ENV.from_string(SUMMARY_TEMPLATE)


def feedback_href(student: str) -> str:
    """The summary's link to a student's page, `feedback/<student>.html`, URL-quoted."""
    return "feedback/" + quote(f"{student}.html")


def misconception_counts(results: Sequence[SubmissionResult]) -> list[dict]:
    """Each misconception shown: its question, its lab sentence, the students (most common first)."""
    rows: dict[tuple[str, str], dict] = {}
    for result in results:
        for question in result.questions:
            for mistake in question.misconceptions:
                row = rows.setdefault((question.id, mistake.id), {"question": question.id, "id": mistake.id, "text": mistake.text, "students": []})
                row["students"].append(result.student)
    return sorted(rows.values(), key=lambda row: (-len(row["students"]), row["question"], row["id"]))


def _bins(scores: list[float], max_score: float) -> tuple[list[float], bool]:
    """Histogram bin edges, and whether they are unit bins centred on whole scores.

    Whole-number scores out of at most 20 get one bar per score; anything else gets 20 equal
    bins over [0, max_score], the last one including full marks.
    """
    if max_score <= 0:
        return [0.0, 1.0], False
    whole = all(float(s).is_integer() for s in scores) and float(max_score).is_integer()
    if whole and max_score <= 20:
        return [edge - 0.5 for edge in range(int(max_score) + 2)], True
    step = max_score / 20
    return [i * step for i in range(21)], False


def write_histogram(scores: list[float], max_score: float, path: Path) -> None:
    """A PNG histogram of total scores, drawn without pyplot so no display is needed."""
    figure = Figure(figsize=(8, 4), dpi=100)
    axes = figure.add_subplot()
    bins, unit = _bins(scores, max_score)
    clipped = [min(max(s, bins[0]), bins[-1]) for s in scores]
    axes.hist(clipped, bins=bins, color="#0969da", edgecolor="white")
    axes.set_xlim(bins[0], bins[-1])
    if unit:
        axes.set_xticks(range(int(max_score) + 1))
    axes.set_xlabel(f"total score (out of {number(max_score)})")
    axes.set_ylabel("submissions")
    axes.set_title(f"Score distribution ({len(scores)} submissions)")
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.grid(axis="y", alpha=0.3)
    figure.tight_layout()
    with replacing(path) as partial:
        figure.savefig(partial, format="png")


def write_class_summary(
    lab: Lab, results: list[SubmissionResult], out_dir: Path, superseded: Sequence[tuple[str, str]] = (),
    rows: Sequence[ClassRow] = (),
) -> Path:
    """Write `out_dir/summary.html` and `out_dir/score_histogram.png`; return the summary's path.
    `rows` (the gradebook's) add late penalties and the roster's missing and unmatched students."""
    out_dir.mkdir(parents=True, exist_ok=True)
    results = sorted(results, key=lambda r: r.student)
    scores = [r.score for r in results]
    stats = {
        "size": len(results),
        "mean": statistics.fmean(scores) if scores else 0.0,
        "median": statistics.median(scores) if scores else 0.0,
        "min": min(scores, default=0.0),
        "max": max(scores, default=0.0),
    }
    by_question = [{q.id: q.score for q in r.questions} for r in results]
    questions = [
        {
            "id": q.id, "title": q.title, "points": q.points,
            "mean": statistics.fmean([s.get(q.id, 0.0) for s in by_question]) if results else 0.0,
            "full": sum(1 for s in by_question if q.points > 0 and s.get(q.id, 0.0) >= q.points - 1e-9),
            "zero": sum(1 for s in by_question if s.get(q.id, 0.0) <= 1e-9),
        }
        for q in lab.questions
    ]
    for row in questions:
        row["partial"] = len(results) - row["full"] - row["zero"]
    students = [
        {"result": r, "href": feedback_href(r.student), "scores": [s.get(q.id) for q in lab.questions]}
        for r, s in zip(results, by_question)
    ]
    mistakes = misconception_counts(results)
    statuses = sorted(Counter(r.status for r in results).items(), key=lambda item: (item[0] != "graded", item[0]))
    write_histogram(scores, lab.max_score, out_dir / HISTOGRAM_NAME)
    html = _TEMPLATE.render(
        lab=lab, stats=stats, statuses=statuses, questions=questions, students=students, histogram=HISTOGRAM_NAME,
        mistakes=mistakes, feedback_href=feedback_href,
        late=[row for row in rows if row.late_days], superseded=list(superseded),
        missing=[row.student for row in rows if row.result is None],
        unmatched=[row.student for row in rows if row.roster_state == "unmatched"],
    )
    path = out_dir / SUMMARY_NAME
    write_text_atomically(path, html)
    return path
