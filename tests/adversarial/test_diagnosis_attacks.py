"""Attacks on misconception diagnosis: answers built to blow up the judge's sketches, to forge
a diagnosis, or to be taken for a classic mistake they are not."""

from __future__ import annotations

import json

import pytest

from autograder.diagnosis.sketch import MAX_NODES
from autograder.grading import grade_submission
from autograder.judge.proxy import Submission as Proxy
from autograder.lab import Lab
from autograder.submissions import Submission
from autograder.worker.backend import ColdBackend
from autograder.worker.local import LocalSession


@pytest.fixture
def lab(diagnosis_lab: Lab) -> Lab:
    return diagnosis_lab


BLOATED_ANSWERS = {
    "nested_lists": "[[[[float(i)] * 25 for i in range(64)] for _ in range(64)] for _ in range(4)]",  # under the codec's 500k values
    "many_keys": "{f'k{i}': i for i in range(10_001)}",
    "mixed_keys": "{1: 'a', 'b': 2, (3, 4): 5.0, None: [1], 2.5: {'x': 1}}",
    "long_text": "'A' * 2_000_000",
    "non_finite": "np.array([np.nan, np.inf, -np.inf] * 100_000)",
    "complex_numbers": "np.ones(1000) * 1j",
    "many_small_arrays": "[np.ones(1) for _ in range(100_000)]",
}


def _grade(lab: Lab, source: str):
    return grade_submission(lab, Submission("attacker", "attacker.py", source.encode()), ColdBackend())


def _named(result) -> list[str]:
    return [m.id for q in result.questions for m in q.misconceptions]


@pytest.mark.parametrize("answer", list(BLOATED_ANSWERS))
def test_bloated_answers_keep_every_sketch_small(answer):
    """Whatever an answer's size or shape, what the judge keeps of it is bounded."""
    namespace: dict = {}
    exec(f"import numpy as np\ndef add(a, b):\n    return {BLOATED_ANSWERS[answer]}\n", namespace)
    session = LocalSession(namespace)
    for call in range(3):
        Proxy(session).add(call, 1)
    kept = session.calls.by_question[""]
    unsketched = {"nested_lists", "many_keys", "complex_numbers"}  # too many values, too many keys, not real numbers
    assert len(kept) == (0 if answer in unsketched else 3)
    assert all(len(json.dumps(sketch)) < MAX_NODES * 200 for sketch in kept.values())


def test_bloated_answers_are_graded_and_never_diagnosed(lab):
    source = "import numpy as np\n\n" + "\n".join(
        f"def add(a, b):\n    return {BLOATED_ANSWERS['nested_lists']}\n\n\ndef scale(x, k):\n    return {BLOATED_ANSWERS['non_finite']}\n"
        for _ in range(1)
    )
    result = _grade(lab, source)
    assert result.status == "graded" and result.score == 0
    assert _named(result) == []


def test_a_submission_cannot_write_its_own_diagnosis(lab):
    """Text the submission returns or prints that reads like a diagnosis is not one."""
    forged = "Your `add` behaves like a classic mistake: add_subtracts"
    result = _grade(lab, f"import numpy as np\n\ndef add(a, b):\n    print({forged!r})\n    return {forged!r}\n\ndef scale(x, k):\n    return np.asarray(x) * k\n")
    assert result.score == 1 and _named(result) == []
    assert all(forged not in m.text for q in result.questions for m in q.misconceptions)


def test_answering_like_the_mistake_on_the_public_inputs_only_is_no_match(lab):
    """A submission that returns the mistake's answer where it can see the inputs (2, 3) and
    something else on others disagrees with the mutant somewhere: no claim."""
    result = _grade(lab, "import numpy as np\n\ndef add(a, b):\n    return -1 if (a, b) == (2, 3) else a * b + 2\n\ndef scale(x, k):\n    return np.asarray(x) * k\n")
    assert result.questions[0].score == 0 and _named(result) == []


def test_random_answers_are_not_taken_for_a_deterministic_mistake(lab):
    result = _grade(lab, "import numpy as np\n\ndef add(a, b):\n    return float(np.random.random())\n\ndef scale(x, k):\n    return np.random.random(np.shape(x))\n")
    assert result.score == 0 and _named(result) == []


def test_an_answer_that_raises_is_not_a_match_for_a_mistake_that_returns(lab):
    result = _grade(lab, "import numpy as np\n\ndef add(a, b):\n    raise ValueError(a - b)\n\ndef scale(x, k):\n    return np.asarray(x) + k\n")
    assert [(q.id, [m.id for m in q.misconceptions]) for q in result.questions] == [("add", []), ("scale", ["scale_adds"])]
