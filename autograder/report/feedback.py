"""The student-facing feedback file: public failures in full, hidden tests by name and hint only."""

from __future__ import annotations

from autograder.results import SubmissionResult, TestResult
from autograder.safe_text import markdown_code, markdown_code_span as code, markdown_inline as md

_CATEGORY_TEXT = {
    "failed": "wrong answer",
    "error": "your code raised an exception",
    "not-implemented": "not implemented yet",
    "missing": "function missing",
    "timeout": "took too long",
    "crashed": "your code crashed the grader's worker",
    "grader-error": "grader problem (not your fault; tell your instructor)",
}


def category_text(category: str) -> str:
    """A short, student-readable label for why a test did not pass."""
    return _CATEGORY_TEXT.get(category, category)


def _public_detail(test: TestResult) -> list[str]:
    return ["", *markdown_code("\n".join(test.message.splitlines()[:30]), indent="  ")]


def feedback_markdown(result: SubmissionResult) -> str:
    """Markdown feedback that never reveals hidden tests' code, inputs or messages."""
    lines = [
        f"# Feedback: {md(result.lab)} — {md(result.student)}",
        "",
        f"**Score: {result.score:g} / {result.max_score:g}**  (status: {md(result.status)})",
    ]
    if result.status_message:
        lines += ["", f"> {md(result.status_message)}"]
    for note in result.notes:
        lines += ["", f"> Note: {md(note)}"]
    lines += ["", "| Question | Score |", "|---|---|"]
    lines += [f"| {md(q.title)} | {q.score:g} / {q.max_score:g} |" for q in result.questions]
    for question in result.questions:
        tests = [t for t in result.tests if t.question == question.id]
        if not tests:
            continue
        if all(t.passed for t in tests):  # folded: nothing to act on
            lines += ["", f"## ✅ {md(question.title)} — all {len(tests)} tests pass"]
            continue
        lines += ["", f"## {md(question.title)}", ""]
        for mistake in question.misconceptions:
            names = ", ".join(code(name) for name in mistake.functions) or "code"
            lines += [f"> 💡 Your {names} {mistake.verb} like a classic mistake: {md(mistake.text)}", ""]
        for test in tests:
            mark = "✅" if test.passed else "❌"
            why = "" if test.passed else f" ({category_text(test.category)})"
            if test.visibility == "public":
                lines.append(f"- {mark} {md(test.hint or test.name)}{why} · {code(test.name)}")
                if not test.passed:
                    lines += _public_detail(test)
            else:
                lines.append(f"- {mark} hidden test {code(test.name)} — {md(test.hint)}{why}")
    return "\n".join(lines) + "\n"
