"""Scoring, the student feedback file, the gradebook and stored results."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from autograder.judge.scoring import score
from autograder.lab import load_lab
from autograder.report.feedback import feedback_markdown
from autograder.lms.class_rows import class_rows
from autograder.report.gradebook import LMS_COLUMNS, write_gradebook
from autograder.results import QuestionResult, SubmissionResult
from tests.unit.result_factory import SECRET, TR, make_result, t

TOY = Path(__file__).resolve().parents[1] / "fixtures" / "course" / "labs" / "00_toy"


@pytest.fixture(scope="module")
def lab():
    return load_lab(TOY)




def test_score_splits_question_points_equally(lab):
    tests = [
        t("a1", "add"), t("a2", "add", "failed"),
        t("s1", "scale"), t("s2", "scale"), t("s3", "scale", "error", "hidden"),
    ]
    scored, questions = score(lab, tests)
    assert [(x.max_points, x.points) for x in scored] == [(1.0, 1.0), (1.0, 0.0), (1.0, 1.0), (1.0, 1.0), (1.0, 0.0)]
    assert [(q.id, q.title, q.score, q.max_score) for q in questions] == [
        ("add", "add(a, b)", 1.0, 2.0), ("scale", "scale(x, k)", 2.0, 3.0),
    ]


def test_score_rounds_thirds(lab):
    scored, questions = score(lab, [t("a", "add"), t("b", "add"), t("c", "add")])
    assert all(x.max_points == pytest.approx(2 / 3) for x in scored)
    assert questions[0].score == 2.0
    assert questions[1].score == 0.0  # a question with no tests scores nothing


def test_score_does_not_mutate_input(lab):
    tests = [t("a", "add")]
    score(lab, tests)
    assert tests[0].points == 0.0 and tests[0].max_points == 0.0


def test_unknown_question_is_a_grader_error(lab):
    scored, questions = score(lab, [t("x", "nope"), t("a", "add")])
    assert scored[0].category == "grader-error"
    assert "unknown question 'nope'" in scored[0].message
    assert scored[0].points == 0.0 and not scored[0].passed
    assert scored[1].points == 2.0
    assert [q.id for q in questions] == ["add", "scale"]




FEEDBACK_TESTS = [
    t("test_add_small", "add", hint="add works on small integers."),
    t("test_add_negative", "add", visibility="hidden", hint="add handles negative numbers."),
    t("test_scale_shape", "scale", "failed", message="expected a (2, 3) array, got 7\nsecond line", hint="scale keeps the shape."),
    t("test_scale_values", "scale", "failed", "hidden", message=f"assert 1 == {SECRET}\n  x = np.arange({SECRET})", hint="scale multiplies every entry by k."),
    t("test_scale_copy", "scale", "error", "hidden", message=f"your code raised ValueError: {SECRET}", hint="scale returns a new array."),
    t("test_scale_todo", "scale", "not-implemented", "hidden", message=SECRET, hint="todo"),
    t("test_scale_weird", "scale", "weird-category", "hidden", message=SECRET, hint="odd"),
]


def test_feedback_shows_public_failure_messages():
    text = feedback_markdown(make_result(FEEDBACK_TESTS))
    assert "expected a (2, 3) array, got 7" in text
    assert "second line" in text
    assert "- ❌ scale keeps the shape. (wrong answer) · `test_scale_shape`" in text  # the docstring leads


def test_feedback_folds_a_question_whose_tests_all_pass():
    text = feedback_markdown(make_result(FEEDBACK_TESTS))
    assert "## ✅ add(a, b) — all 2 tests pass" in text
    assert "add works on small integers" not in text and "test_add_negative" not in text


def test_feedback_never_shows_hidden_failure_messages():
    text = feedback_markdown(make_result(FEEDBACK_TESTS))
    assert SECRET not in text
    assert "8675309" not in text


def test_feedback_shows_hidden_test_names_hints_and_category():
    text = feedback_markdown(make_result(FEEDBACK_TESTS))
    assert "❌ hidden test `test_scale_values` — scale multiplies every entry by k. (wrong answer)" in text
    assert "hidden test `test_scale_copy` — scale returns a new array. (your code raised an exception)" in text
    assert "hidden test `test_scale_todo` — todo (not implemented yet)" in text
    assert "hidden test `test_scale_weird` — odd (weird-category)" in text


def test_feedback_header_table_status_and_notes():
    result = make_result(FEEDBACK_TESTS, score=2.5, status="syntax-error", status_message="code cell 3 was skipped", notes=["late by 2 days"])
    text = feedback_markdown(result)
    assert text.startswith("# Feedback: 00_toy — alice\n")
    assert "**Score: 2.5 / 5**  (status: syntax-error)" in text
    assert "> code cell 3 was skipped" in text
    assert "> Note: late by 2 days" in text
    assert "| add(a, b) | 2 / 2 |" in text and "| scale(x, k) | 1 / 3 |" in text
    assert "## ✅ add(a, b)" in text and "## scale(x, k)" in text


def test_feedback_public_message_is_bounded():
    long = "\n".join(f"line {i}" for i in range(100))
    text = feedback_markdown(make_result([t("test_long", "add", "failed", message=long)]))
    assert "line 29" in text and "line 30" not in text


def test_feedback_without_tests_has_no_question_sections():
    text = feedback_markdown(make_result([], status="unreadable", status_message="not a notebook", score=0.0))
    assert "## " not in text and "> not a notebook" in text


def read_csv(path: Path) -> list[dict]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_gradebook_columns_and_rows(lab, tmp_path):
    path = tmp_path / "grades.csv"
    results = [
        make_result(student="zed", score=3.0),
        make_result(student="amy", score=0.0, status="unreadable", status_message="bad, \"quoted\"\nmessage", questions=[]),
        make_result(student="bob", score=2.5, questions=[QuestionResult("add", "a", 2 / 3, 2.0), QuestionResult("scale", "s", 1.5, 3.0)]),
    ]
    write_gradebook(lab, class_rows(results), path)
    with path.open(newline="") as handle:
        header = next(csv.reader(handle))
    assert header == ["student", "score", "max_score", "status", "add", "scale", "message", *LMS_COLUMNS]
    rows = read_csv(path)
    assert [r["student"] for r in rows] == ["amy", "bob", "zed"]
    no_lms = {"raw_score": "0", "late_days": "0", "penalty": "0", "submitted_at": "", "lms_id": "", "name": "", "roster": ""}
    assert rows[0] == {"student": "amy", "score": "0", "max_score": "5", "status": "unreadable", "add": "", "scale": "", "message": "bad, \"quoted\"\nmessage", **no_lms}
    assert rows[1]["add"] == "0.666667" and rows[1]["scale"] == "1.5" and rows[1]["score"] == "2.5" and rows[1]["raw_score"] == "2.5"
    assert rows[2] == {"student": "zed", "score": "3", "max_score": "5", "status": "graded", "add": "2", "scale": "1", "message": "", **no_lms, "raw_score": "3"}
    assert not list(tmp_path.glob("*.partial"))


def test_gradebook_replaces_existing_file(lab, tmp_path):
    path = tmp_path / "grades.csv"
    path.write_text("old contents\n")
    write_gradebook(lab, [], path)
    assert path.read_text().splitlines() == [",".join(["student,score,max_score,status,add,scale,message", *LMS_COLUMNS])]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grades.csv"]


def test_result_json_round_trip():
    result = make_result(FEEDBACK_TESTS, notes=["a note"])
    text = result.to_json()
    assert json.loads(text)["tests"][0]["name"] == "test_add_small"
    back = SubmissionResult.from_json(text)
    assert back == result
    assert all(isinstance(q, QuestionResult) for q in back.questions)
    assert all(isinstance(x, TR) for x in back.tests)


def test_result_json_round_trip_empty_lists():
    result = make_result([], questions=[])
    assert SubmissionResult.from_json(result.to_json()) == result


def test_passed_property():
    assert t("x", "q").passed
    assert not t("x", "q", "failed").passed and not t("x", "q", "PASSED").passed


def test_save_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "results" / "alice" / "result.json"
    result = make_result(FEEDBACK_TESTS)
    result.save(path)
    assert SubmissionResult.from_json(path.read_text()) == result
    assert sorted(p.name for p in path.parent.iterdir()) == ["result.json"]

    # An interrupted write leaves the previous file intact.
    def fail(self, target):
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(OSError):
        make_result([], student="changed").save(path)
    assert SubmissionResult.from_json(path.read_text()).student == "alice"


def test_save_overwrites(tmp_path):
    path = tmp_path / "r.json"
    make_result([]).save(path)
    make_result([], score=4.0).save(path)
    assert SubmissionResult.from_json(path.read_text()).score == 4.0
    assert not list(tmp_path.glob("*.partial"))
