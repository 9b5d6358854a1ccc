"""The class summary fits the window: a real headless Chromium (Debian's package) lays out a
wide class (the nine questions of lab 05, long names and messages, late work, a roster) at
phone, laptop and desktop widths, and the page itself never scrolls sideways (wide tables
scroll inside their own box). Skipped, with the reason, where Chromium is not installed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from autograder.lab import find_lab
from autograder.lms.class_rows import ClassRow
from autograder.lms.layouts import Identity
from autograder.report.summary import write_class_summary
from autograder.results import QuestionResult
from tests.unit.result_factory import make_result

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium); the layout is not checked")

PROBE = """<script>
  const page = document.documentElement;
  const outside = [...document.body.querySelectorAll('*')]
    .filter(e => !e.closest('.scroll') || e.classList.contains('scroll'))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .map(e => e.tagName + '.' + e.className);
  document.body.setAttribute('data-layout', JSON.stringify(
    {scrollWidth: page.scrollWidth, innerWidth: window.innerWidth, outside: outside.slice(0, 5)}));
</script>"""


def wide_class(out: Path) -> Path:
    lab = find_lab("05")
    results, rows = [], []
    for index in range(12):
        student = f"student{index:02d}_" + "x" * 88 if index % 4 == 0 else f"student{index:02d}"
        questions = [QuestionResult(q.id, q.title, q.points * ((index + k) % 3) / 2, q.points) for k, q in enumerate(lab.questions)]
        message = "a_status_message_without_any_space_" * 40 if index % 3 == 0 else ""
        result = make_result(
            student=student, lab=lab.id, score=sum(q.score for q in questions), max_score=lab.max_score,
            questions=questions, status="graded" if index % 5 else "timeout", status_message=message,
        )
        results.append(result)
        identity = Identity("blackboard", student, login=student, submitted_at=datetime(2026, 10, 7, 8, 30))
        rows.append(ClassRow(student, result, identity, None, "unmatched", late_days=index % 3, penalty=float(index % 3)))
    superseded = [("Lab 05_" + "y" * 150 + "_attempt_2026-10-03-09-00-00_optimizers.ipynb", "Lab 05_later.ipynb")]
    return write_class_summary(lab, results, out, superseded, rows)


def layout_at(page: Path, width: int, screenshot: Path) -> dict:
    probe = page.with_name(f"probe-{width}.html")
    probe.write_text(page.read_text().replace("</body>", PROBE + "</body>"), encoding="utf-8")
    common = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--window-size={width},1000"]
    dom = subprocess.run([*common, "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    subprocess.run([*common, f"--screenshot={screenshot}", page.as_uri()], capture_output=True, timeout=120, check=True)
    found = re.search(r'data-layout="([^"]*)"', dom.stdout)
    assert found, "the probe did not run"
    return json.loads(found.group(1).replace("&quot;", '"'))


@pytest.mark.parametrize("width", [375, 800, 1280])
def test_the_summary_never_scrolls_sideways(tmp_path: Path, width: int):
    page = wide_class(tmp_path)
    layout = layout_at(page, width, tmp_path / f"summary-{width}.png")
    assert layout["scrollWidth"] <= layout["innerWidth"], layout
    assert layout["outside"] == [], layout
    assert (tmp_path / f"summary-{width}.png").stat().st_size > 10_000  # a real rendering


def test_the_summary_shows_each_questions_distribution_and_the_status_counts(tmp_path: Path):
    text = wide_class(tmp_path).read_text()
    assert text.count('<div class="dist"') == len(find_lab("05").questions)
    assert re.search(r"timeout</span></td><td class=\"num\">3<", text) and "Late work" in text
