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


def checker(lab_name: str) -> Callable[[str], bool]:
    """A `check(question)` function bound to one lab."""
    lab = find_lab(lab_name)

    def check(question_id: str) -> bool:
        """Run this question's public tests on the notebook's current definitions."""
        question = lab.question(question_id)
        namespace = sys._getframe(1).f_globals
        started = time.monotonic()
        tests = run_tests([lab.public_tests], lab.path, Submission(LocalSession(namespace)), lab.hidden_tests, question.id)
        tests, questions = score(lab, tests)
        result = SubmissionResult(
            "you", lab.id, lab.version, "graded", "", sum(q.score for q in questions), question.points,
            [q for q in questions if q.id == question.id], tests, duration_s=time.monotonic() - started,
        )
        print_check(result)
        return bool(tests) and all(t.passed for t in tests)

    return check
