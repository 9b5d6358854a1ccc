"""The student-facing HTML feedback page: public failures in full, hidden tests by name and hint only.

Pages are self-contained (inline CSS, no scripts, no external assets) and rendered with Jinja2 with
autoescaping on, since test messages carry whatever text a student's code produced. The templates
live in this module rather than in files so they ship with the package without any package-data setup.
"""

from __future__ import annotations

from jinja2 import DictLoader, Environment, StrictUndefined
from markdown_it import MarkdownIt
from markupsafe import Markup

from autograder.report.feedback import category_text
from autograder.results import SubmissionResult

# Test messages are already bounded by the judge; this is only a backstop for the page size.
MAX_MESSAGE_CHARS = 20_000
# Hints and question titles are written by the lab's author in Markdown (`code`, *emphasis*);
# only those inline rules are on, raw HTML is off, so any other text stays escaped.
_INLINE_MARKDOWN = MarkdownIt("zero").enable(["backticks", "emphasis", "escape"])


def inline_markdown(text: str) -> Markup:
    """A lab author's one-line Markdown as safe inline HTML."""
    return Markup(_INLINE_MARKDOWN.renderInline(str(text)))


def number(value: float) -> str:
    """A score as people write it: 2, 2.5, 0.67."""
    return f"{round(float(value), 2):g}"


def percent(score: float, max_score: float) -> float:
    """Score as a percentage in [0, 100]; 0 when nothing could be scored."""
    if max_score <= 0:
        return 0.0
    return max(0.0, min(100.0, 100.0 * score / max_score))


BASE_TEMPLATE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{% endblock %}</title>
<style>
  :root { --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --muted: #57606a; --line: #d0d7de; --bg-soft: #f6f8fa; }
  * { box-sizing: border-box; }
  body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; line-height: 1.5;
         max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
  .sub { color: var(--muted); margin: 0 0 1rem; }
  .score { font-size: 2rem; font-weight: 600; margin: .5rem 0; }
  .score small { font-size: 1rem; color: var(--muted); font-weight: 400; }
  .status { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .85rem; font-weight: 600;
            border: 1px solid currentColor; }
  .status.graded { color: var(--ok); } .status.other { color: var(--bad); }
  .callout { background: var(--bg-soft); border-left: 4px solid var(--line); padding: .5rem .75rem; margin: .5rem 0;
             white-space: pre-wrap; overflow-wrap: anywhere; }
  .callout.problem { border-left-color: var(--bad); } .callout.note { border-left-color: var(--warn); }
  .callout.mistake { border-left-color: #0969da; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
  .scroll { max-width: 100%; overflow-x: auto; }  /* a wide table scrolls inside its box, never the page */
  .scroll table { margin: 0; }
  td.text { min-width: 10rem; overflow-wrap: anywhere; }
  td.name { overflow-wrap: anywhere; min-width: 6rem; }
  p.wrap { overflow-wrap: anywhere; }
  .dist { display: flex; height: .7rem; width: 10rem; border-radius: 3px; overflow: hidden; background: #eaeef2; margin-top: .35rem; }
  .dist span { display: block; height: 100%; }
  .dist .zero { background: var(--bad); } .dist .partial { background: var(--warn); } .dist .full { background: var(--ok); }
  th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { background: var(--bg-soft); font-weight: 600; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .bar { background: #eaeef2; border-radius: 3px; height: .7rem; width: 10rem; overflow: hidden; margin-top: .35rem; }
  .bar span { display: block; height: 100%; background: var(--ok); }
  .bar.partial span { background: var(--warn); } .bar.zero span { background: var(--bad); }
  ul.tests { list-style: none; padding: 0; margin: 0; }
  ul.tests li { padding: .4rem 0; border-bottom: 1px solid #eaeef2; }
  .mark { display: inline-block; width: 1.4rem; font-weight: 700; }
  .pass .mark { color: var(--ok); } .fail .mark { color: var(--bad); }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em;
         background: var(--bg-soft); padding: .05rem .3rem; border-radius: 3px; overflow-wrap: anywhere; }
  .tag { font-size: .8rem; color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 .3rem; }
  .why { color: var(--bad); font-size: .9rem; }
  .hint { color: var(--muted); }
  pre { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 4px; padding: .6rem .75rem;
        overflow-x: auto; font-size: .85rem; margin: .4rem 0 0 1.4rem; white-space: pre-wrap; overflow-wrap: anywhere; }
  img { max-width: 100%; height: auto; }
  a { color: #0969da; }
  .stats { display: flex; flex-wrap: wrap; gap: .75rem; margin: .75rem 0; }
  .stat { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; min-width: 7rem; }
  .stat b { display: block; font-size: 1.3rem; }
  .stat span { color: var(--muted); font-size: .85rem; }
  details > summary { cursor: pointer; list-style-position: outside; }
  details > summary h2 { display: inline-block; width: calc(100% - 1.5rem); }
  footer { margin-top: 2.5rem; color: var(--muted); font-size: .8rem; }
</style>
</head>
<body>
{% block body %}{% endblock %}
</body>
</html>
"""

FEEDBACK_TEMPLATE = """\
{% extends "base.html" %}
{% macro bar(score, max_score) -%}
{%- set pct = percent(score, max_score) -%}
<div class="bar{% if pct <= 0 %} zero{% elif pct < 100 %} partial{% endif %}" title="{{ '%.0f' % pct }}%"><span style="width: {{ '%.1f' % pct }}%"></span></div>
{%- endmacro %}
{% macro test_item(test) -%}
<li class="{{ 'pass' if test.passed else 'fail' }}">
  <span class="mark">{{ '✓' if test.passed else '✗' }}</span>
  {%- if test.visibility == 'public' %}
  {{ md(test.hint or test.name) }}
  {%- if not test.passed %} <span class="why">({{ category_text(test.category) }})</span>{% endif %} <span class="tag">{{ test.name }}</span>
  {%- else %}
  <span class="tag">hidden</span> <code>{{ test.name }}</code>
  {%- if test.hint %} <span class="hint">— {{ md(test.hint) }}</span>{% endif %}
  {%- if not test.passed %} <span class="why">({{ category_text(test.category) }})</span>{% endif %}
  {%- endif %}
  {%- if test.visibility == 'public' and not test.passed and test.message %}
  <pre>{{ clip(test.message) }}</pre>
  {%- endif %}
</li>
{%- endmacro %}
{% block title %}Feedback: {{ r.lab }} — {{ r.student }}{% endblock %}
{% block body %}
<h1>Feedback: {{ r.lab }}</h1>
<p class="sub">Student <b>{{ r.student }}</b>{% if r.source_name %} · submission <code>{{ r.source_name }}</code>{% endif %} · lab version {{ r.lab_version }}</p>
<div class="score">{{ number(r.score) }} <small>/ {{ number(r.max_score) }} points ({{ '%.0f' % percent(r.score, r.max_score) }}%)</small></div>
<p>Status: <span class="status {{ 'graded' if r.status == 'graded' else 'other' }}">{{ r.status }}</span></p>
{% if r.status_message %}<div class="callout problem">{{ r.status_message }}</div>{% endif %}
{% for note in r.notes %}<div class="callout note">Note: {{ note }}</div>
{% endfor %}
{% if r.questions %}
<h2>Questions</h2>
<table>
  <thead><tr><th>Question</th><th class="num">Score</th><th>Progress</th><th class="num">Tests passed</th></tr></thead>
  <tbody>
  {% for anchor, q, tests in sections %}
    <tr>
      <td>{% if tests %}<a href="#{{ anchor }}">{{ md(q.title) }}</a>{% else %}{{ md(q.title) }}{% endif %}</td>
      <td class="num">{{ number(q.score) }} / {{ number(q.max_score) }}</td>
      <td>{{ bar(q.score, q.max_score) }}</td>
      <td class="num">{% if tests %}{{ tests | selectattr('passed') | list | length }} / {{ tests | length }}{% else %}—{% endif %}</td>
    </tr>
  {% endfor %}
  </tbody>
</table>
{% endif %}
{% for anchor, q, tests in sections if tests %}
{% set all_pass = tests | rejectattr('passed') | list | length == 0 %}
<details id="{{ anchor }}"{% if not all_pass %} open{% endif %}>
<summary><h2>{{ '✓ ' if all_pass }}{{ md(q.title) }} <small class="hint">{{ number(q.score) }} / {{ number(q.max_score) }}{{ ' · all tests pass' if all_pass }}</small></h2></summary>
{% for mistake in q.misconceptions %}
<div class="callout mistake">💡 Your {% for name in mistake.functions %}<code>{{ name }}</code>{{ ', ' if not loop.last }}{% else %}code{% endfor %} {{ mistake.verb }} like a classic mistake: {{ mistake.text }}</div>
{% endfor %}
<ul class="tests">
{% for test in tests %}  {{ test_item(test) }}
{% endfor %}
</ul>
</details>
{% endfor %}
{% if other_tests %}
<h2>Other tests</h2>
<ul class="tests">
{% for test in other_tests %}  {{ test_item(test) }}
{% endfor %}
</ul>
{% endif %}
<footer>
{% if has_hidden %}<p>Hidden tests are shown by name and hint only; their inputs and expected values stay private.</p>{% endif %}
{% if environment %}<p>Graded with {% for key, value in environment %}{{ key }} {{ value }}{{ ', ' if not loop.last }}{% endfor %}.</p>{% endif %}
</footer>
{% endblock %}
"""


def _clip(message: str) -> str:
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    return message[:MAX_MESSAGE_CHARS] + "\n… (message truncated)"


ENV = Environment(
    loader=DictLoader({"base.html": BASE_TEMPLATE, "feedback.html": FEEDBACK_TEMPLATE}),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.globals.update(number=number, percent=percent, category_text=category_text, clip=_clip, md=inline_markdown)


def feedback_html(result: SubmissionResult) -> str:
    """A self-contained HTML feedback page that never reveals hidden tests' messages."""
    known = {q.id for q in result.questions}
    sections = [(f"q{i}", q, [t for t in result.tests if t.question == q.id]) for i, q in enumerate(result.questions, 1)]
    other_tests = [t for t in result.tests if t.question not in known]
    has_hidden = any(t.visibility != "public" for t in result.tests)
    environment = sorted((getattr(result, "environment", None) or {}).items())
    return ENV.get_template("feedback.html").render(
        r=result, sections=sections, other_tests=other_tests, has_hidden=has_hidden, environment=environment,
    )
