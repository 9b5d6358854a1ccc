"""Honest students are graded exactly the same with or without hostile classmates.

Thirty honest toy-lab submissions (every mix of five `add` and six `scale` answers, right and
wrong, so their scores differ) are graded twice with the CLI's defaults (sandboxed, warm,
parallel): alone, and in one class with ten attacks from the corpus that reach the host, the
zygote, the next worker and the judge. Every honest row (status, score, per-question scores)
must be identical. The run also prints the grading processes' peak memory and the slowest
submission, the figures the trust issue asks to be measured.
"""

from __future__ import annotations

import csv
import itertools
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.adversarial.test_corpus import SUBMISSIONS
from tests.conftest import REPO, TOY_COURSE

ADDS = {
    "right": "    return a + b",
    "minus": "    return a - b",
    "times": "    return a * b",
    "ints": "    return int(a) + int(b)",
    "todo": "    raise NotImplementedError",
}
SCALES = {
    "right": "    return np.asarray(x) * k",
    "inplace": "    x *= k\n    return x",
    "listed": "    return [v * k for v in np.ravel(x)]",
    "plain": "    return x * k",
    "ignores_k": "    return np.asarray(x) * 1.0",
    "todo": "    raise NotImplementedError",
}
HOSTILE = ("import_infinite_loop", "memory_bomb_at_import", "fork_bomb", "kill_everything", "exit_os_mid_test",
           "tmp_plant_a_writer", "abstract_socket_a_listener", "signal_zygote_a", "hash_collision_reply", "value_bomb_reply")
TIMEOUT_S = 1200


def honest_sources() -> dict[str, str]:
    return {
        f"honest_{add}_{scale}": f"import numpy as np\n\n\ndef add(a, b):\n{ADDS[add]}\n\n\ndef scale(x, k):\n{SCALES[scale]}\n"
        for add, scale in itertools.product(ADDS, SCALES)
    }


def grade(folder: Path, out: Path) -> tuple[dict[str, dict], float]:
    env = {**os.environ, "AUTOGRADER_COURSE_ROOT": str(TOY_COURSE)}
    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", "00", str(folder), "--out", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, stdin=subprocess.DEVNULL,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    with (out / "grades.csv").open(newline="") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}, time.monotonic() - started


@pytest.fixture(scope="module")
def both_runs(tmp_path_factory) -> tuple[dict[str, dict], dict[str, dict]]:
    alone, mixed = tmp_path_factory.mktemp("alone"), tmp_path_factory.mktemp("mixed")
    for name, source in honest_sources().items():
        for folder in (alone, mixed):
            (folder / f"{name}.py").write_text(source)
    for name in HOSTILE:
        (mixed / f"{name}.py").write_bytes((SUBMISSIONS / f"{name}.py").read_bytes())
    rows_alone, seconds_alone = grade(alone, tmp_path_factory.mktemp("out-alone"))
    rows_mixed, seconds_mixed = grade(mixed, tmp_path_factory.mktemp("out-mixed"))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\nhonest alone: 30 in {seconds_alone:.0f} s; with 10 hostile: 40 in {seconds_mixed:.0f} s; "
          f"largest process of the runs (judge, zygote or worker): {peak_mb:.0f} MB")
    return rows_alone, rows_mixed


def test_every_honest_row_is_identical_with_hostile_classmates(both_runs):
    alone, mixed = both_runs
    honest = set(honest_sources())
    assert set(alone) == honest and honest <= set(mixed)
    differing = {name: (alone[name], mixed[name]) for name in honest if alone[name] != mixed[name]}
    assert not differing, f"honest rows changed by hostile classmates: {differing}"


def test_the_honest_class_spans_many_scores(both_runs):
    """The check means something only if the honest answers differ (a wrong score would show)."""
    alone, _ = both_runs
    assert len({row["score"] for row in alone.values()}) >= 5
    assert alone["honest_right_right"]["score"] == "5" and alone["honest_todo_todo"]["score"] == "0"
