"""Which known mistake a failed question's answers look like: the rule that makes a claim, or none."""

from __future__ import annotations

from collections.abc import Callable

from autograder.diagnosis import diagnosis_on
from autograder.diagnosis.profiles import MutantProfile, lab_profiles, profiles_path
from autograder.diagnosis.sketch import UNSTABLE, Sketch, matches
from autograder.errors import UserError
from autograder.lab import Lab
from autograder.mutants import load_mutants
from autograder.results import Misconception, QuestionResult


def _evidence(profile: MutantProfile, calls: dict[str, Sketch]) -> int:
    """How many calls tell this mutant from the solution and were answered as the mutant
    answers them; 0 when any call both made is answered otherwise. A mutant whose mistake is
    to leave answers to chance (calls it answers differently each time where the solution does
    not: UNSTABLE) is compared on those calls alone."""
    chance = {key for key, (value, differs) in profile.calls.items() if value == UNSTABLE and differs}
    common = calls.keys() & (chance or profile.calls.keys())
    if any(not matches(calls[key], profile.calls[key][0]) for key in common):
        return 0
    return sum(profile.calls[key][1] for key in common)


def diagnose(profiles: list[MutantProfile], calls_by_question: dict[str, dict[str, Sketch]], failed: set[str]) -> dict[str, list[Misconception]]:
    """For each failed question, the mutants its answers match (strongest evidence first):
    every call the student and the mutant both answered agrees, and at least one of them is
    a call where the mutant and the solution disagree. No match, no claim."""
    found: dict[str, list[tuple[int, Misconception]]] = {}
    for profile in profiles:
        if profile.question in failed:
            evidence = _evidence(profile, calls_by_question.get(profile.question, {}))
            if evidence:
                found.setdefault(profile.question, []).append((evidence, Misconception(profile.name, list(profile.functions), profile.text)))
    return {question: [m for _, m in sorted(pairs, key=lambda pair: -pair[0])] for question, pairs in found.items()}


def prepare(lab: Lab, say: Callable[[str], None]) -> None:
    """Build the lab's profiles now if they will be needed and are not on disk yet, saying so
    (a class's first failed question would otherwise wait for them in silence)."""
    if not diagnosis_on() or not lab.solution_dir.is_dir() or profiles_path(lab, build=False) is not None:
        return
    if not load_mutants(lab):
        return
    say(f"naming mistakes: building the profiles of lab {lab.id}'s classic mistakes once (kept for later runs)")
    try:
        lab_profiles(lab)
    except UserError as error:
        say(f"warning: {error}; grading goes on without naming mistakes")


def name_mistakes(
    lab: Lab, questions: list[QuestionResult], calls_by_question: dict[str, dict[str, Sketch]], build: bool = True,
) -> list[str]:
    """Attach misconceptions to the failed questions; the notes to add (why it could not run).
    `build=False` (a student's check) uses profiles only where they already exist."""
    failed = {q.id for q in questions if q.score < q.max_score}
    if not failed or not diagnosis_on():
        return []
    try:
        profiles = lab_profiles(lab, build)
    except (UserError, OSError, ValueError) as error:
        return [f"the grader could not check for known mistakes this time ({type(error).__name__})"]
    attach_mistakes(profiles, questions, calls_by_question)
    return []


def attach_mistakes(profiles: list[MutantProfile], questions: list[QuestionResult], calls_by_question: dict[str, dict[str, Sketch]]) -> None:
    """Set each failed question's misconceptions from `profiles` (see `diagnose`)."""
    diagnoses = diagnose(profiles, calls_by_question, {q.id for q in questions if q.score < q.max_score})
    for question in questions:
        question.misconceptions = diagnoses.get(question.id, [])
