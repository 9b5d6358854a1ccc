"""The HTML feedback page and the class summary page."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from autograder.lab import load_lab
from autograder.report.html import feedback_html
from autograder.report.summary import write_class_summary
from autograder.results import QuestionResult, SubmissionResult
from tests.unit.result_factory import SECRET, make_result, t

TOY = Path(__file__).resolve().parents[1] / "fixtures" / "course" / "labs" / "00_toy"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def lab():
    return load_lab(TOY)






TESTS = [
    t("test_add_small", "add", hint="add works on small integers."),
    t("test_add_negative", "add", visibility="hidden", hint="add handles negative numbers."),
    t("test_scale_shape", "scale", "failed", message="expected a (2, 3) array, got 7\nsecond line", hint="scale keeps the shape."),
    t("test_scale_values", "scale", "failed", "hidden", message=f"assert 1 == {SECRET}\n  x = np.arange({SECRET})", hint="scale multiplies every entry by k."),
    t("test_scale_copy", "scale", "error", "hidden", message=f"your code raised ValueError: {SECRET}", hint="scale returns a new array."),
    t("test_scale_slow", "scale", "timeout", "hidden", message=SECRET, hint="scale is fast."),
    t("test_scale_weird", "scale", "weird-category", "hidden", message=SECRET, hint="odd"),
    t("test_scale_unlabelled", "scale", "failed", "", message=SECRET, hint="no visibility"),
]


def text_of(page: str) -> str:
    """The page's visible body text, tags dropped and entities decoded, whitespace collapsed."""
    body = page.split("<body>", 1)[-1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def pre_blocks(page: str) -> list[str]:
    return [html.unescape(block) for block in re.findall(r"<pre>(.*?)</pre>", page, re.S)]


# --- feedback page ---------------------------------------------------------------------------


def test_feedback_is_a_self_contained_page():
    page = feedback_html(make_result(TESTS))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<style>" in page
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<link" not in page


def test_feedback_header_score_status_and_notes():
    result = make_result(TESTS, score=2.5, status="syntax-error", status_message="code cell 3 was skipped", notes=["late by 2 days"])
    text = text_of(feedback_html(result))
    assert "Feedback: 00_toy" in text and "alice" in text and "alice.ipynb" in text
    assert "2.5 / 5 points (50%)" in text
    assert "Status: syntax-error" in text
    assert "code cell 3 was skipped" in text
    assert "Note: late by 2 days" in text


def test_feedback_question_table_has_scores_and_bars():
    page = feedback_html(make_result(TESTS))
    text = text_of(page)
    # question, score, tests passed
    assert "add(a, b) 2 / 2 2 / 2 scale(x, k) 1 / 3 0 / 6" in text
    assert 'style="width: 100.0%"' in page and 'style="width: 33.3%"' in page


def test_feedback_shows_public_failure_message_in_full():
    page = feedback_html(make_result(TESTS))
    assert pre_blocks(page) == ["expected a (2, 3) array, got 7\nsecond line"]
    assert "test_scale_shape" in page and "scale keeps the shape." in page


def test_feedback_public_pass_has_no_message_block():
    page = feedback_html(make_result([t("test_ok", "add", message="should not show", hint="fine")]))
    assert "<pre>" not in page and "should not show" not in page
    assert "test_ok" in page and "fine" in page


def test_feedback_never_shows_hidden_messages():
    page = feedback_html(make_result(TESTS))
    assert SECRET not in page
    assert "8675309" not in page
    assert "np.arange" not in page


def test_feedback_shows_hidden_names_hints_and_categories():
    text = text_of(feedback_html(make_result(TESTS)))
    assert "✓ hidden test_add_negative — add handles negative numbers." in text
    assert "✗ hidden test_scale_values — scale multiplies every entry by k. (wrong answer)" in text
    assert "✗ hidden test_scale_copy — scale returns a new array. (your code raised an exception)" in text
    assert "✗ hidden test_scale_slow — scale is fast. (took too long)" in text
    assert "✗ hidden test_scale_weird — odd (weird-category)" in text
    # anything not explicitly public is treated as hidden
    assert "✗ hidden test_scale_unlabelled — no visibility (wrong answer)" in text


def test_feedback_escapes_everything():
    evil = '<script>alert("x")</script>'
    result = make_result(
        [
            t("test_pub", "add", "failed", message=f"got {evil} & more", hint=f"hint {evil}"),
            t(f"test_{evil}", "scale", "failed", "hidden", message=evil, hint=evil),
        ],
        student=f"mallory{evil}", status_message=evil, notes=[evil], source_name=evil,
        questions=[QuestionResult("add", f"add {evil}", 0.0, 2.0), QuestionResult("scale", "scale", 0.0, 3.0)],
    )
    page = feedback_html(result)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    assert pre_blocks(page) == [f"got {evil} & more"]
    assert "got &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more" in page


def test_feedback_long_public_message_is_kept_whole():
    long = "\n".join(f"line {i}" for i in range(100))
    page = feedback_html(make_result([t("test_long", "add", "failed", message=long)]))
    assert pre_blocks(page) == [long]


def test_feedback_footer_shows_grading_environment():
    result = make_result(TESTS)
    result.environment = {"device": "cpu", "tensorflow": "2.21.0"}
    assert "Graded with device cpu, tensorflow 2.21.0." in text_of(feedback_html(result))
    assert "Graded with" not in feedback_html(make_result(TESTS))


def test_feedback_without_tests_or_questions():
    page = feedback_html(make_result([], questions=[], status="unreadable", status_message="not a notebook", score=0.0))
    text = text_of(page)
    assert "not a notebook" in text and "0 / 5 points (0%)" in text
    assert "<h2" not in page


def test_feedback_zero_max_score_does_not_divide_by_zero():
    result = make_result([], score=0.0, max_score=0.0, questions=[QuestionResult("add", "add", 0.0, 0.0)])
    assert "0 / 0 points (0%)" in text_of(feedback_html(result))


def test_feedback_tests_of_unknown_questions_are_listed_but_hidden_stay_hidden():
    result = make_result([t("test_lost", "nope", "grader-error", message="unknown question 'nope'"),
                          t("test_lost_hidden", "nope", "failed", "hidden", message=SECRET, hint="h")])
    page = feedback_html(result)
    assert "Other tests" in page and "unknown question" in html.unescape(page)
    assert "test_lost_hidden" in page and SECRET not in page


# --- class summary ---------------------------------------------------------------------------


def class_results() -> list[SubmissionResult]:
    return [
        make_result(student="zed", score=5.0, questions=[QuestionResult("add", "add(a, b)", 2.0, 2.0), QuestionResult("scale", "scale(x, k)", 3.0, 3.0)]),
        make_result(student="amy", score=0.0, status="unreadable", status_message="not a <notebook>", questions=[]),
        make_result(student="bob", score=2.5, questions=[QuestionResult("add", "add(a, b)", 1.0, 2.0), QuestionResult("scale", "scale(x, k)", 1.5, 3.0)]),
        make_result(student="cy d", score=3.0, status="timeout", status_message="ran out of time"),
    ]


def test_summary_writes_page_and_png(lab, tmp_path):
    out = tmp_path / "out"
    path = write_class_summary(lab, class_results(), out)
    assert path == out / "summary.html"
    png = out / "score_histogram.png"
    assert png.read_bytes().startswith(PNG_MAGIC)
    assert png.stat().st_size > 1000
    assert sorted(p.name for p in out.iterdir()) == ["score_histogram.png", "summary.html"]
    page = path.read_text()
    assert '<img src="score_histogram.png"' in page
    assert "<script" not in page.lower()


def test_summary_statistics_and_status_counts(lab, tmp_path):
    page = write_class_summary(lab, class_results(), tmp_path).read_text()
    text = text_of(page)
    assert "4 submissions" in text
    assert "2.62 mean (52%)" in text  # (5 + 0 + 2.5 + 3) / 4 = 2.625
    assert "2.75 median" in text and "0 min" in text and "5 max" in text
    assert "graded 2" in text and "timeout 1" in text and "unreadable 1" in text


def test_summary_question_means(lab, tmp_path):
    text = text_of(write_class_summary(lab, class_results(), tmp_path).read_text())
    # add: (2 + 0 + 1 + 2) / 4; scale: (3 + 0 + 1.5 + 1) / 4; amy has no questions and counts as 0
    assert "add(a, b) add 1.25 / 2" in text
    assert "scale(x, k) scale 1.38 / 3" in text
    assert "2 / 4" in text  # full marks on add: zed and cy d


def test_summary_links_every_student_in_order(lab, tmp_path):
    page = write_class_summary(lab, class_results(), tmp_path).read_text()
    links = re.findall(r'<a href="(feedback/[^"]+)">([^<]+)</a>', page)
    assert links == [
        ("feedback/amy.html", "amy"), ("feedback/bob.html", "bob"),
        ("feedback/cy%20d.html", "cy d"), ("feedback/zed.html", "zed"),
    ]
    assert "not a &lt;notebook&gt;" in page
    text = text_of(page)
    assert "amy 0 / 5 unreadable — — not a <notebook>" in text
    assert "bob 2.5 / 5 graded 1 1.5" in text


def test_summary_of_empty_class(lab, tmp_path):
    path = write_class_summary(lab, [], tmp_path)
    assert "0 submissions" in text_of(path.read_text())
    assert (tmp_path / "score_histogram.png").read_bytes().startswith(PNG_MAGIC)


def test_summary_with_fractional_points(lab, tmp_path):
    results = [make_result(student=f"s{i}", score=i * 0.37) for i in range(30)]
    write_class_summary(lab, results, tmp_path)
    assert (tmp_path / "score_histogram.png").read_bytes().startswith(PNG_MAGIC)


def test_summary_replaces_previous_files(lab, tmp_path):
    (tmp_path / "summary.html").write_text("old")
    write_class_summary(lab, class_results(), tmp_path)
    assert "old" != (tmp_path / "summary.html").read_text()
    assert not list(tmp_path.glob("*.partial"))


def test_histogram_bins():
    from autograder.report.summary import _bins

    assert _bins([0.0, 3.0, 5.0], 5.0) == ([-0.5, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5], True)
    edges, unit = _bins([2.5], 5.0)  # a fractional score: equal bins, no score silently rounded
    assert not unit and len(edges) == 21 and edges[0] == 0.0 and edges[-1] == pytest.approx(5.0)
    assert _bins([], 0.0) == ([0.0, 1.0], False)


def test_feedback_renders_the_labs_inline_markdown_and_nothing_else():
    result = make_result(
        [t("test_pub", "add", "failed", message="got `x`", hint="uses `sqrt(2 / fan_in)`, *not* `fan_out` <b>x</b>")],
        questions=[QuestionResult("add", "`add(a, b)`", 0.0, 2.0), QuestionResult("scale", "scale", 0.0, 3.0)],
    )
    page = feedback_html(result)
    assert "uses <code>sqrt(2 / fan_in)</code>, <em>not</em> <code>fan_out</code> &lt;b&gt;x&lt;/b&gt;" in page
    assert "<code>add(a, b)</code>" in page and "`" not in text_of(page).replace("got `x`", "")
    assert pre_blocks(page) == ["got `x`"]  # messages are shown as written, never rendered


def test_feedback_folds_passed_questions_and_opens_the_others():
    page = feedback_html(make_result(TESTS))
    assert re.search(r'<details id="q1">\s*<summary><h2>✓ add\(a, b\)', page)
    assert re.search(r'<details id="q2" open>\s*<summary><h2>scale\(x, k\)', page)
    assert "all tests pass" in text_of(page)


def test_a_public_tests_line_leads_with_its_docstring():
    text = text_of(feedback_html(make_result(TESTS)))
    assert "✗ scale keeps the shape. (wrong answer) test_scale_shape" in text
