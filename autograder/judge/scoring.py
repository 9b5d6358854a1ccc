"""Points: each question's points are shared equally by its tests."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from autograder.lab import Lab
from autograder.results import QuestionResult, TestResult


def score(lab: Lab, tests: list[TestResult]) -> tuple[list[TestResult], list[QuestionResult]]:
    """Give each test its share of its question's points; total per question."""
    counts = Counter(test.question for test in tests)
    scored = []
    for test in tests:
        question = next((q for q in lab.questions if q.id == test.question), None)
        if question is None:
            scored.append(replace(test, category="grader-error", message=f"test belongs to unknown question '{test.question}'"))
            continue
        share = question.points / counts[test.question]
        scored.append(replace(test, max_points=share, points=share if test.passed else 0.0))
    questions = [
        QuestionResult(
            q.id, q.title,
            score=round(sum(t.points for t in scored if t.question == q.id), 6),
            max_score=q.points,
        )
        for q in lab.questions
    ]
    return scored, questions
