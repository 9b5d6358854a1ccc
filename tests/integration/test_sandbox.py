"""The sandbox: an unprivileged worker with no network, no view of the course, and hard limits."""

from __future__ import annotations

import ast
import os
import subprocess
import time

import pytest

from autograder.errors import UserError
from autograder.grading import grade_submission
from autograder.sandbox import backend as sandbox_backend
from autograder.sandbox.choose import choose_backend
from autograder.submissions import Submission
from tests.conftest import REPO
from tests.integration.test_interrupted_runs import alive, descendants

CORRECT = "import numpy as np\n\ndef add(a, b):\n    return a + b\n\ndef scale(x, k):\n    return np.asarray(x) * k\n"


def replace_add(body: str) -> str:
    indented = "\n".join("    " + line for line in body.splitlines())
    return CORRECT.replace("def add(a, b):\n    return a + b", f"def add(a, b):\n{indented}")


@pytest.fixture(scope="module", params=["cold", "warm"])
def grade_sandboxed(request, toy_lab):
    """Both ways a sandboxed worker starts: its own bwrap sandbox, or forked from a sandboxed zygote."""
    backend = choose_backend(toy_lab, sandbox=True, warm=request.param == "warm")
    assert type(backend).__name__ == {"cold": "ColdBackend", "warm": "ZygoteBackend"}[request.param]

    def grade(source: str):
        return grade_submission(toy_lab, Submission("student", "student.py", source.encode()), backend)

    yield grade
    backend.close()


def probe(grade_sandboxed, expression: str):
    """Evaluate an expression inside the sandbox; the public add test shows the value."""
    result = grade_sandboxed(replace_add(f"import os, socket, sys\nreturn repr({expression})"))
    message = next(t.message for t in result.tests if t.name == "test_add_small")
    return message.split("got ", 1)[1].split("\n", 1)[0]


def test_correct_code_grades_fully_in_the_sandbox(grade_sandboxed):
    assert grade_sandboxed(CORRECT).score == 5.0


def test_worker_is_unprivileged(grade_sandboxed):
    assert probe(grade_sandboxed, "os.getuid() != 0 and os.geteuid() != 0") == "'True'"
    status = probe(grade_sandboxed, "[l for l in open('/proc/self/status') if l.startswith(('CapEff', 'NoNewPrivs'))]")
    assert "CapEff:\\\\t0000000000000000" in status and "NoNewPrivs:\\\\t1" in status


def test_course_files_are_invisible(grade_sandboxed):
    assert probe(grade_sandboxed, f"os.path.exists({str(REPO / 'labs')!r})") == "'False'"
    assert probe(grade_sandboxed, f"os.path.exists({str(REPO / 'solutions')!r})") == "'False'"
    listing = probe(grade_sandboxed, f"sorted(os.listdir({str(REPO)!r}))")
    assert set(ast.literal_eval(ast.literal_eval(listing))) <= {".venv", "autograder"}


def test_no_network_even_to_localhost(grade_sandboxed):
    result = grade_sandboxed(replace_add("import socket\nsocket.create_connection(('127.0.0.1', 22), timeout=2)\nreturn a + b"))
    assert result.questions[0].score == 0.0
    assert "Connection refused" in result.tests[0].message or "unreachable" in result.tests[0].message


def test_cannot_write_outside_private_tmp(grade_sandboxed, tmp_path):
    target = REPO / "forged_grades.csv"
    result = grade_sandboxed(replace_add(f"open({str(target)!r}, 'w').write('alice,100')\nreturn a + b"))
    assert not target.exists()
    assert result.questions[0].score == 0.0
    assert probe(grade_sandboxed, "open('/tmp/scratch', 'w').write('ok')") == "'2'"


def test_memory_bomb_is_killed_with_a_reason(grade_sandboxed):
    result = grade_sandboxed(replace_add("blob = bytearray(3 << 30)\nreturn a + b"))
    reason = result.tests[0].message
    assert "out of memory" in reason or "MemoryError" in reason, reason
    assert result.questions[1].score == 3.0


def test_fork_bomb_is_contained_and_the_next_submission_is_fine(grade_sandboxed):
    bomb = grade_sandboxed(replace_add("import os\nwhile True:\n    os.fork()"))
    assert bomb.score <= 3.0
    assert grade_sandboxed(CORRECT).score == 5.0


def test_no_process_outlives_its_worker(grade_sandboxed):
    orphan = "import os\nif os.fork() == 0:\n    os.setsid()\n    os.execv('/bin/sleep', ['sleep', '6161'])\nreturn a + b"
    assert grade_sandboxed(replace_add(orphan)).questions[0].score == 2.0
    deadline = time.monotonic() + 5  # the namespace's processes are killed as its init dies
    while subprocess.run(["pgrep", "-f", "sleep 6161"], capture_output=True).returncode == 0:
        assert time.monotonic() < deadline, "a process started by the submission survived its worker"
        time.sleep(0.1)


def test_missing_sandbox_refuses_unless_no_sandbox(toy_lab, monkeypatch):
    from autograder.sandbox import choose

    choose._cached_problem.cache_clear()
    monkeypatch.setattr(sandbox_backend.shutil, "which", lambda tool: None)
    try:
        with pytest.raises(UserError, match="--no-sandbox"):
            choose_backend(toy_lab, sandbox=True)
        assert choose_backend(toy_lab, sandbox=False, warm=False).__class__.__name__ == "ColdBackend"
    finally:
        choose._cached_problem.cache_clear()


def test_work_given_to_run_meanwhile_runs_once_while_the_zygote_starts(toy_lab):
    ran = []
    backend = choose_backend(toy_lab, sandbox=True, warm=True, meanwhile=lambda: ran.append(time.monotonic()))
    try:
        assert len(ran) == 1
        result = grade_submission(toy_lab, Submission("student", "student.py", CORRECT.encode()), backend)
        assert result.score == result.max_score and len(ran) == 1
    finally:
        backend.close()


def test_a_failure_meanwhile_stops_the_zygote_it_was_waiting_for(toy_lab):
    before, started = descendants(os.getpid()), set()  # other tests' zygotes may still be running

    def fail():
        started.update(descendants(os.getpid()) - before)
        raise RuntimeError("TensorFlow failed to import")

    with pytest.raises(RuntimeError, match="failed to import"):
        choose_backend(toy_lab, sandbox=True, warm=True, meanwhile=fail)
    assert started, "the zygote had not been launched when the work meanwhile ran"
    # killed and reaped before choose_backend returned (left alone, it would still be importing TensorFlow)
    assert not alive(started), "the zygote outlived the failed start"



def _uptime_s() -> float:
    return float(open("/proc/uptime").read().split()[0])


def test_the_next_worker_is_forked_ahead_and_nothing_outlives_the_backend(toy_lab):
    """While one submission is graded the next worker is forked and isolated; it starts serving
    only when its submission arrives, and closing the backend ends it with the zygote."""
    before = descendants(os.getpid())  # other tests' zygotes may still be running
    backend = choose_backend(toy_lab, sandbox=True, warm=True)
    try:
        assert grade_submission(toy_lab, Submission("first", "first.py", CORRECT.encode()), backend).score == 5.0
        time.sleep(0.5)
        handed_out_after = _uptime_s()
        grade_next = lambda source: grade_submission(toy_lab, Submission("next", "next.py", source.encode()), backend)  # noqa: E731
        since_boot = probe(grade_next, "int(open('/proc/self/stat').read().rsplit(')', 1)[1].split()[19]) / os.sysconf('SC_CLK_TCK')")
        assert float(ast.literal_eval(ast.literal_eval(since_boot))) < handed_out_after - 0.3, "the worker was forked when its submission came"
        ours = descendants(os.getpid()) - before
        assert ours, "no zygote or forked worker was found running"
    finally:
        backend.close()
    deadline = time.monotonic() + 5
    while alive(ours):
        assert time.monotonic() < deadline, f"processes outlived the backend: {alive(ours)}"
        time.sleep(0.1)


def test_a_forked_worker_that_ended_while_it_waited_is_replaced_and_noted(toy_lab):
    backend = choose_backend(toy_lab, sandbox=True, warm=True)
    try:
        grade_submission(toy_lab, Submission("first", "first.py", CORRECT.encode()), backend)
        backend._spare.zygote.kill_child(backend._spare.pid)  # as if the machine had ended it (the OOM killer, an administrator)
        result = grade_submission(toy_lab, Submission("next", "next.py", CORRECT.encode()), backend)
        assert result.score == 5.0 and result.status == "graded"
        assert any("was retried; not caused by the submission" in note for note in result.notes), result.notes
    finally:
        backend.close()
