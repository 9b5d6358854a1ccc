"""Check one question from inside the lab notebook, against the functions defined there.

    from autograder.notebook import checker
    check = checker("04_weight_init")
    check("he")
"""

from __future__ import annotations

import sys
import time
from typing import Callable

from autograder.judge.proxy import Submission
from autograder.judge.run import run_tests
from autograder.judge.scoring import score
from autograder.lab import find_lab
from autograder.report.console import print_check
from autograder.results import SubmissionResult
from autograder.worker.local import LocalSession


def checker(lab_name: str) -> Callable[..., bool]:
    """A `check(question)` function bound to one lab."""
    lab = find_lab(lab_name)

    def check(question_id: str | None = None, hidden: bool = False) -> bool:
        """Run one question's public tests (all questions when None) on the notebook's definitions.

        `hidden=True` adds the hidden tests where they exist (instructors, nbgrader autograde).
        """
        chosen = [lab.question(question_id)] if question_id is not None else list(lab.questions)
        namespace = sys._getframe(1).f_globals
        started = time.monotonic()
        test_dirs = [lab.public_tests, lab.hidden_tests] if hidden else [lab.public_tests]
        tests = run_tests(test_dirs, lab.path, Submission(LocalSession(namespace)), lab.hidden_tests, question_id)
        tests, questions = score(lab, tests)
        questions = [q for q in questions if q.id in {c.id for c in chosen}]
        result = SubmissionResult(
            "you", lab.id, lab.version, "graded", "", sum(q.score for q in questions), sum(q.max_score for q in questions),
            questions, tests, duration_s=time.monotonic() - started,
        )
        print_check(result)
        return bool(tests) and all(t.passed for t in tests)

    return check
