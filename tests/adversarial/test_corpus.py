"""The adversarial corpus: hostile submissions graded in bulk through the real CLI.

Every file in submissions/ is one student's attack on the toy lab (add 2 points, scale 3;
call timeout 5 s, import 20 s, submission 60 s, memory 512 MB); its docstring says what it
does and what must happen, and expected.toml says it in numbers. The whole corpus and two
correct bystanders are graded in ONE bulk run (`python -m autograder grade 00 ...` with the
CLI's defaults: sandboxed, warm, parallel), so every attack also tests that it cannot stop
or disturb the others. More runs, started at the same time (the runs mostly wait on
timeouts, so they overlap well), hold what cannot share that run:

- sequential (`--jobs 1`): attacks on the submission graded next by the same grading
  process, each followed by its victim;
- abort (`--jobs 1`): an attack that can end the whole run, and its victim;
- capped (`--jobs 1`, inside a memory cgroup): an attack on the trusted process's memory,
  which must never run where it could reach the rest of the machine (skipped where no
  cgroup can be made).

A check that fails because of a known grader bug is marked xfail(strict=True) with the bug
in its reason (expected.toml `xfail`), only where the bug can show (`xfail_when`).
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
import signal
import subprocess
import sys
import time
import tomllib
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from autograder.report.gradebook import LMS_COLUMNS
from tests.adversarial.crafted import BUILDERS
from tests.conftest import REPO, TOY_COURSE

HERE = Path(__file__).parent
SUBMISSIONS = HERE / "submissions"
EXPECTED: dict[str, dict] = tomllib.loads((HERE / "expected.toml").read_text())
CANARY = HERE / "canary.txt"
HIDDEN_TESTS = TOY_COURSE / "labs" / "00_toy" / "tests" / "hidden"
QUESTIONS = ("add", "scale")
CLI_TIMEOUT_S = 1200
CAPPED_MEMORY_BYTES = 3 << 30

# Host paths the attacks try to plant files at (the pickle payload, the forged gradebooks).
HOST_MARKERS = ("/tmp/adversarial-pickle-PWNED", "/tmp/ADVERSARIAL-FORGED*", "/tmp/results/ADVERSARIAL-FORGED*",
                "/ADVERSARIAL-FORGED*", str(Path.home() / "ADVERSARIAL-FORGED*"))
FORGED_NAMES = re.compile(r"(ADVERSARIAL|PWNED|(^|/)grades\.csv$|(^|/)results/[^/]+\.json$)")
# Files delete_files.py tries to delete (besides the canary and everything under tests/ and labs/).
DELETION_TARGETS = ("tests/adversarial/canary.txt", "tests/fixtures/course/labs/00_toy/tests/hidden/test_hidden.py",
                    "autograder/grading.py")
# Command lines (pgrep -f patterns) of processes submissions start to outlive their worker
# (orphan_child.py, aa_outlive_worker.py): none may be left once the runs are over.
ORPHANS = ("sleep 6262", r"time\.sleep\(6263\)", "sleep 6264")


def names_for(run: str) -> list[str]:
    return sorted(name for name, spec in EXPECTED.items() if spec.get("run", "main") == run)


MAIN = names_for("main")
SEQUENTIAL = names_for("sequential")
WHOLE_RUN = {"capped": names_for("capped") + ["zzz_bystander_last"], "abort": names_for("abort")}
BYSTANDERS = sorted(name for name, spec in EXPECTED.items() if spec.get("bystander"))


# ---------------------------------------------------------------- running the CLI


@dataclass
class Run:
    names: list[str]
    out: Path
    completed: subprocess.CompletedProcess
    seconds: float
    ids: dict[str, list[str]] = field(default_factory=dict)  # each attack's gradebook rows
    repo_before: dict[str, tuple[int, int]] = field(default_factory=dict)
    repo_after: dict[str, tuple[int, int]] = field(default_factory=dict)
    survivors: list[str] = field(default_factory=list)
    mid_run_survivors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def row_ids(self) -> set[str]:
        return {row for rows in self.ids.values() for row in rows}

    @property
    def warm(self) -> bool:
        return "warm workers unavailable" not in self.completed.stderr

    def rows(self) -> dict[str, dict]:
        with (self.out / "grades.csv").open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        by_student = {row["student"]: row for row in rows}
        assert len(by_student) == len(rows), f"duplicate rows in grades.csv: {[r['student'] for r in rows]}"
        return by_student

    def rows_if_any(self) -> dict[str, dict]:
        return self.rows() if (self.out / "grades.csv").is_file() else {}

    def result(self, name: str) -> dict:
        path = self.out / "results" / f"{name}.json"
        assert path.is_file(), f"{name}: no results/{name}.json (rc={self.completed.returncode}){self.stderr_tail()}"
        return json.loads(path.read_text())

    def stderr_tail(self) -> str:
        return "\n--- grader stderr (tail) ---\n" + self.completed.stderr[-3000:]


@dataclass
class Pending:
    names: list[str]
    out: Path
    process: subprocess.Popen
    logs: tuple[Path, Path]
    started: float
    ids: dict[str, list[str]]
    ended: float | None = None
    graded_at: dict[str, float] = field(default_factory=dict)
    mid_run_survivors: dict[str, list[str]] = field(default_factory=dict)

    def watch_outlivers(self) -> None:
        """2 s after a row is written for a submission with an `outlives` pattern, look for it."""
        for name in self.names:
            pattern = EXPECTED.get(name, {}).get("outlives")
            if pattern is None or name in self.mid_run_survivors:
                continue
            if name not in self.graded_at and (self.out / "results" / f"{self.ids[name][0]}.json").is_file():
                self.graded_at[name] = time.monotonic()
            if name in self.graded_at and time.monotonic() > self.graded_at[name] + 2 and self.ended is None:
                self.mid_run_survivors[name] = live_processes(pattern)

    def poll(self) -> bool:
        if self.ended is None and self.process.poll() is not None:
            self.ended = time.monotonic()
        return self.ended is not None

    def finish(self) -> Run:
        if not self.poll():
            self.process.kill()
            self.process.wait()
            self.poll()
        stdout, stderr = (path.read_text(errors="replace") for path in self.logs)
        if self.ended - self.started >= CLI_TIMEOUT_S:
            stderr += f"\n(killed after {CLI_TIMEOUT_S} s)"
        completed = subprocess.CompletedProcess(self.process.args, self.process.returncode, stdout, stderr)
        run = Run(self.names, self.out, completed, self.ended - self.started, self.ids)
        run.mid_run_survivors = self.mid_run_survivors
        return run


def start_grading(names: list[str], base: Path, *options: str, cgroup: Path | None = None) -> Pending:
    """Start the real CLI on a class folder holding `names` (inside `cgroup` if given)."""
    folder, out, scratch = base / "submissions", base / "out", base / "tmp"
    folder.mkdir()
    scratch.mkdir()
    ids = {}
    for name in names:
        if name not in BUILDERS:
            (folder / f"{name}.py").write_bytes((SUBMISSIONS / f"{name}.py").read_bytes())
            ids[name] = [name]
    for name in names:
        if name in BUILDERS:
            ids[name] = BUILDERS[name](folder, SUBMISSIONS)
    command = [sys.executable, "-m", "autograder", "grade", "00", str(folder), "--out", str(out), *options]
    if cgroup is not None:
        command = ["sh", "-c", 'echo $$ > "$0" && exec "$@"', str(cgroup / "cgroup.procs"), *command]
    env = {**os.environ, "AUTOGRADER_COURSE_ROOT": str(TOY_COURSE), "TMPDIR": str(scratch)}
    logs = (base / "stdout.txt", base / "stderr.txt")
    with logs[0].open("w") as stdout, logs[1].open("w") as stderr:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr)
    return Pending(names, out, process, logs, time.monotonic(), ids)


def wait_for_all(pending: dict[str, Pending]) -> None:
    deadline = time.monotonic() + CLI_TIMEOUT_S
    while not all([run.poll() for run in pending.values()]) and time.monotonic() < deadline:
        for run in pending.values():
            run.watch_outlivers()
        time.sleep(0.2)


def repo_files() -> dict[str, tuple[int, int]]:
    """Every file of the checkout (but .git, .venv and caches): path -> (size, mtime)."""
    files = {}
    for top, dirs, names in os.walk(REPO):
        dirs[:] = [d for d in dirs if d not in (".git", ".venv", "__pycache__", ".pytest_cache")]
        for name in names:
            path = Path(top, name)
            try:
                status = path.stat()
            except OSError:
                continue
            files[path.relative_to(REPO).as_posix()] = (status.st_size, status.st_mtime_ns)
    return files


def host_markers() -> list[Path]:
    return [path for pattern in HOST_MARKERS for path in Path("/").glob(pattern.lstrip("/"))]


def live_processes(pattern: str) -> list[str]:
    return subprocess.run(["pgrep", "-af", pattern], capture_output=True, text=True).stdout.splitlines()


def live_orphans() -> list[str]:
    return [line for pattern in ORPHANS for line in live_processes(pattern)]


def wait_for_orphans(seconds: float = 5.0) -> list[str]:
    deadline = time.monotonic() + seconds
    while (survivors := live_orphans()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return survivors


def memory_cgroup_parent() -> Path | None:
    """Our own cgroup-v1 memory directory, if we may create children there (as the grader does)."""
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            if "memory" in controllers.split(","):
                directory = Path("/sys/fs/cgroup/memory") / path.lstrip("/")
                return directory if directory.is_dir() and os.access(directory, os.W_OK) else None
    except (OSError, ValueError):
        return None
    return None


def make_capped_cgroup(limit_bytes: int) -> Path | None:
    parent = memory_cgroup_parent()
    if parent is None:
        return None
    path = parent / f"adversarial-{uuid.uuid4().hex[:12]}"
    try:
        path.mkdir()
        (path / "memory.limit_in_bytes").write_text(str(limit_bytes))
        if (path / "memory.memsw.limit_in_bytes").exists():
            (path / "memory.memsw.limit_in_bytes").write_text(str(limit_bytes))
    except OSError:
        remove_cgroup(path)
        return None
    return path


def remove_cgroup(path: Path) -> None:
    """Kill what is left in the cgroup tree (all of it started by our CLI run), then remove it."""
    deadline = time.monotonic() + 10
    while path.exists() and time.monotonic() < deadline:
        for directory in sorted(path.rglob("*/"), key=lambda p: len(p.parts), reverse=True) + [path]:
            try:
                pids = [int(pid) for pid in (directory / "cgroup.procs").read_text().split()]
            except OSError:
                pids = []
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            try:
                directory.rmdir()
            except OSError:
                pass
        time.sleep(0.1)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Run]:
    for path in host_markers():
        path.unlink(missing_ok=True)
    repo_before = repo_files()
    cgroup = make_capped_cgroup(CAPPED_MEMORY_BYTES)
    pending = {
        "main": start_grading(MAIN, tmp_path_factory.mktemp("main")),
        "sequential": start_grading(SEQUENTIAL, tmp_path_factory.mktemp("sequential"), "--jobs", "1"),
        "abort": start_grading(WHOLE_RUN["abort"], tmp_path_factory.mktemp("abort"), "--jobs", "1"),
    }
    if cgroup is not None:
        pending["capped"] = start_grading(WHOLE_RUN["capped"], tmp_path_factory.mktemp("capped"), "--jobs", "1", cgroup=cgroup)
    try:
        wait_for_all(pending)
        finished = {name: run.finish() for name, run in pending.items()}
    finally:
        for run in pending.values():
            if run.process.poll() is None:
                run.process.kill()
        if cgroup is not None:
            remove_cgroup(cgroup)
    survivors, repo_after = wait_for_orphans(), repo_files()
    for run in finished.values():
        run.repo_before, run.repo_after, run.survivors = repo_before, repo_after, survivors
    print("\n" + ", ".join(f"{name} run: {len(run.names)} submissions in {run.seconds:.0f} s" for name, run in finished.items()))
    return finished


@pytest.fixture(scope="module")
def main_run(runs) -> Run:
    return runs["main"]


@pytest.fixture(scope="module")
def sequential_run(runs) -> Run:
    return runs["sequential"]


# ---------------------------------------------------------------- checks


def expect_bug_where_it_can_show(request, spec: dict, run: Run) -> None:
    if "xfail" not in spec:
        return
    conditions = {"warm": run.warm, "memory-cgroup": memory_cgroup_parent() is not None}
    if all(conditions[when] for when in spec.get("xfail_when", [])):
        request.applymarker(pytest.mark.xfail(strict=True, reason=spec["xfail"]))


def check_submission(run: Run, name: str, spec: dict) -> None:
    for row in run.ids[name]:
        check_row(run, row, spec)


def check_row(run: Run, name: str, spec: dict) -> None:
    result = run.result(name)
    score, status = float(result["score"]), result["status"]
    where = f"{name}: score {score:g}, status {status!r} ({result['status_message'][:300]!r})"
    tests = "\n".join(f"  {t['name']}: {t['category']} {t['duration_s']:.1f}s {t['message'][:150]!r}" for t in result["tests"])
    row = run.rows_if_any().get(name)
    if row is not None:
        assert (float(row["score"]), row["status"]) == (score, status), f"{name}: grades.csv row {row} disagrees with its result"
    assert score <= spec["max_score"], f"{where} scored more than the {spec['max_score']} it may\n{tests}"
    assert score >= spec.get("min_score", 0), f"{where}: the rest of it was not graded\n{tests}"
    allowed = spec.get("status")
    if allowed is not None:
        assert status in ([allowed] if isinstance(allowed, str) else allowed), f"{where}: expected status {allowed}\n{tests}"
    limit = spec.get("max_test_seconds")
    if limit is not None:
        slow = [t for t in result["tests"] if t["duration_s"] > limit]
        assert not slow, f"{name}: tests took longer than {limit} s: " + ", ".join(f"{t['name']} {t['duration_s']:.0f} s" for t in slow)


def test_every_submission_has_an_expectation():
    on_disk = {path.stem for path in SUBMISSIONS.glob("*.py")} | set(BUILDERS)
    assert on_disk == set(EXPECTED), f"without expectations: {on_disk - set(EXPECTED)}; without files: {set(EXPECTED) - on_disk}"
    assert len(on_disk - set(BYSTANDERS)) >= 20
    for path in SUBMISSIONS.glob("*.py"):
        assert path.read_text().startswith('"""'), f"{path.name} must start with a docstring: the attack and the expected outcome"
    assert set(BYSTANDERS) <= set(MAIN) and "zzz_bystander_last" in BYSTANDERS


# ---------------------------------------------------------------- the main run


def test_the_run_completes_with_a_row_for_every_submission(main_run):
    assert main_run.completed.returncode == 0, main_run.stderr_tail()
    assert set(main_run.rows()) == main_run.row_ids, main_run.stderr_tail()


@pytest.mark.parametrize("name", MAIN)
def test_submission_scores_no_more_than_allowed(main_run, name, request):
    spec = EXPECTED[name]
    expect_bug_where_it_can_show(request, spec, main_run)
    check_submission(main_run, name, spec)


def test_bystanders_score_full_marks(main_run):
    rows = main_run.rows()
    assert {name: (rows[name]["score"], rows[name]["status"]) for name in BYSTANDERS} == {
        name: ("5", "graded") for name in BYSTANDERS
    }


def test_gradebook_is_not_injected(main_run):
    for row in main_run.rows().values():
        assert set(row) == {"student", "score", "max_score", "status", *QUESTIONS, "message", *LMS_COLUMNS}, row
        assert row["max_score"] == "5" and float(row["score"]) == sum(float(row[q]) for q in QUESTIONS), row


def test_out_folder_holds_only_the_gradebook(main_run):
    """Only the grader's own reports, with the names it gives them: nothing forged or planted."""
    reports = {"grades.csv", "summary.html", "score_histogram.png", "similarity.html"}  # the class-level reports the grader writes
    rows = main_run.row_ids
    per_student = {f"results/{n}.json" for n in rows} | {f"feedback/{n}.{ext}" for n in rows for ext in ("md", "html")}
    files = {path.relative_to(main_run.out).as_posix() for path in main_run.out.rglob("*") if path.is_file()}
    assert files <= reports | per_student, f"unexpected files in the output folder: {sorted(files - reports - per_student)}"
    assert {f"results/{n}.json" for n in rows} | {f"feedback/{n}.md" for n in rows} | {"grades.csv"} <= files
    assert {path.name for path in main_run.out.iterdir() if path.is_dir()} == {"results", "feedback"}
    def outside_shown_code(name: str) -> str:
        """similarity.html shows submitted code (escaped, in <pre>) by design: only the rest counts."""
        text = (main_run.out / name).read_text(errors="replace")
        return re.sub(r"<pre>.*?</pre>", "", text, flags=re.S) if name == "similarity.html" else text

    forged = [name for name in files if name.endswith((".csv", ".json", ".md", ".html")) and "ADVERSARIAL-FORGED" in outside_shown_code(name)]
    assert not forged, f"forged content in {forged}"
    similarity = (main_run.out / "similarity.html").read_text(errors="replace")
    assert "<script" not in similarity.lower() and "onerror=" not in similarity.lower()


def test_repository_is_untouched(main_run):
    """No forged file, no deletion, no change to the corpus or the toy course.

    Others may work in this checkout while the runs go on (new labs and tests, edits to the
    grader), so `git status` cannot simply be compared: what is suspect is what an attack
    could have done, anywhere in the checkout, ignored folders included.
    """
    assert CANARY.is_file() and CANARY.read_text().startswith("Canary for tests/adversarial")
    assert all((REPO / path).is_file() for path in DELETION_TARGETS)
    before, after = main_run.repo_before, main_run.repo_after
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(path for path in set(before) & set(after) if before[path] != after[path])
    watched = ("tests/adversarial/", "tests/fixtures/")
    suspect = (
        [f"added {p}" for p in added if re.search(r"ADVERSARIAL|PWNED", p) or p.startswith(watched)
         or (FORGED_NAMES.search(p) and p.startswith(("tests/", "labs/")))]
        + [f"removed {p}" for p in removed if p.startswith(("tests/", "labs/", "solutions/")) or p in DELETION_TARGETS]
        + [f"changed {p}" for p in changed if p.startswith(watched)]
    )
    assert not suspect, f"the checkout changed during the runs: {suspect}"


def test_nothing_planted_on_the_host(main_run):
    assert not host_markers(), f"files planted outside the sandbox: {host_markers()}"


def test_no_process_outlives_the_run(main_run):
    assert not main_run.survivors, f"processes started by submissions survived the run: {main_run.survivors}"


def test_hidden_tests_never_leak(main_run):
    hidden_lines = set()
    for path in HIDDEN_TESTS.glob("*.py"):
        source = path.read_text()
        hints = {line.strip() for docstring in re.findall(r'"""(.*?)"""', source, re.DOTALL) for line in docstring.splitlines()}
        for line in map(str.strip, source.splitlines()):
            if len(line) >= 15 and not line.startswith(("import ", "from ", '"""')) and line not in hints:
                hidden_lines.add(line)
    assert len(hidden_lines) >= 6
    reports = [path for path in main_run.out.rglob("*") if path.suffix in (".json", ".md", ".html", ".csv")]
    assert len(reports) > 2 * len(MAIN)
    for path in reports:
        text = path.read_text(errors="replace")
        if path.suffix == ".json":
            text += "\n" + json.dumps(json.loads(text), ensure_ascii=False)
        if path.suffix == ".html":
            text = html.unescape(text)
        leaked = [line for line in hidden_lines if line in text]
        assert not leaked, f"{path.name} shows hidden test source: {leaked}"


def test_the_reference_store_is_neither_forged_nor_swapped(main_run):
    """The toy lab's slow reference, kept on disk by the run's grading processes, still reads
    back as the right value; no forged file and no link appeared in the store."""
    import importlib.util

    import numpy as np

    from autograder.cache import cache_root
    from autograder.reference_store import plain_fingerprint, read, stored_path

    spec = importlib.util.spec_from_file_location("toy_hidden_for_the_store", HIDDEN_TESTS / "test_hidden.py")
    hidden = importlib.util.module_from_spec(spec)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pytest.PytestUnknownMarkWarning)  # its question marker, outside a grading session
        spec.loader.exec_module(hidden)
    x = np.arange(6.0).reshape(2, 3)
    path = stored_path(hidden._scaled.__wrapped__, plain_fingerprint(((x, -1.5), [])))
    found, value = read(path)
    assert found and np.array_equal(value, x * -1.5), f"{path}: the stored reference is missing or wrong"
    store = cache_root() / "references"
    suspect = [str(entry) for entry in store.rglob("*") if "ADVERSARIAL" in entry.name or entry.is_symlink()]
    assert not suspect, f"forged entries in the reference store: {suspect}"


# ---------------------------------------------------------------- the sequential run


def test_sequential_run_completes(sequential_run):
    assert sequential_run.completed.returncode == 0, sequential_run.stderr_tail()
    assert set(sequential_run.rows()) == sequential_run.row_ids, sequential_run.stderr_tail()


@pytest.mark.parametrize("name", SEQUENTIAL)
def test_attack_on_the_next_submission_fails(sequential_run, name, request):
    spec = EXPECTED[name]
    if "outlives" not in spec:
        expect_bug_where_it_can_show(request, spec, sequential_run)
    check_submission(sequential_run, name, spec)


@pytest.mark.parametrize("name", [n for n in SEQUENTIAL if "outlives" in EXPECTED[n]])
def test_nothing_outlives_its_worker_while_the_run_goes_on(sequential_run, name, request):
    assert name in sequential_run.mid_run_survivors, f"{name} was graded too late to look for survivors mid-run"
    expect_bug_where_it_can_show(request, EXPECTED[name], sequential_run)
    assert not sequential_run.mid_run_survivors[name], f"still alive 2 s after {name} was graded: {sequential_run.mid_run_survivors[name]}"


# ---------------------------------------------------------------- attacks on the whole run


@pytest.mark.parametrize("kind", sorted(WHOLE_RUN))
def test_the_run_survives(runs, kind, request):
    """The capped run (zz_forged_keras_model: a 1 KB reply asking the judge for a 6.4 GB model)
    and the abort run (kill_zygote_after_reply) must each end normally with every row."""
    if kind not in runs:
        pytest.skip("no memory cgroup can be made here, and this attack must never run uncapped")
    run = runs[kind]
    assert "error:" not in run.completed.stderr, run.stderr_tail()  # the CLI refused to start: not the attack
    attacker = next(name for name in run.names if not name.endswith("_victim") and not EXPECTED[name].get("bystander"))
    expect_bug_where_it_can_show(request, EXPECTED[attacker], run)
    assert run.completed.returncode == 0, f"the grader died (rc={run.completed.returncode}){run.stderr_tail()}"
    assert set(run.rows()) == run.row_ids, run.stderr_tail()
    for name in run.names:
        check_submission(run, name, EXPECTED[name])


# ---------------------------------------------------------------- worker text (exception_text_injection & co.)

FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
MARKER = "ADVERSARIAL-LEAK"


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in _strings(key) + _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _outside_code_blocks(markdown: str) -> str:
    kept, fence = [], None
    for line in markdown.splitlines():
        stripped = line.strip()
        if fence is None and re.fullmatch(r"`{3,}", stripped):
            fence = stripped
        elif fence is not None and stripped == fence:
            fence = None
        elif fence is None:
            kept.append(re.sub(r"(`+)[^`]*\1", "", line))
    return "\n".join(kept)


def test_no_control_characters_or_live_markup_reach_any_report(main_run):
    for path in main_run.out.rglob("*"):
        if path.suffix not in (".json", ".md", ".html", ".csv"):
            continue
        text = path.read_text(errors="replace")
        strings = _strings(json.loads(text)) if path.suffix == ".json" else [text]
        bad = [s for s in strings if FORBIDDEN_CHARACTERS.search(s.replace("\r\n", "\n"))]
        assert not bad, f"{path.name}: control characters or bidi overrides reached a report: {bad[0][:200]!r}"
        if path.suffix == ".md":
            prose = _outside_code_blocks(text)
            assert not re.search(r"(?<!\\)\]\(http|<script|(?<!\\)!\[", prose), f"{path.name}: live Markdown or HTML: {prose[:500]}"
        if path.suffix == ".html":
            assert "<script" not in text and "javascript:" not in text, f"{path.name} holds live script"


def test_no_spreadsheet_formula_in_the_gradebook(main_run):
    for row in main_run.rows().values():
        for column in ("student", "status", "message"):
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), f"formula in {column}: {row[column][:100]!r}"


def test_worker_text_never_shows_as_a_hidden_test_or_status(main_run):
    """No status line, gradebook cell or hidden test's message carries text the worker made up."""
    assert MARKER not in (main_run.out / "grades.csv").read_text()
    for row in main_run.row_ids:
        result = main_run.result(row)
        assert MARKER not in result["status_message"], f"{row}: {result['status_message'][:200]!r}"
        for test in result["tests"]:
            if test["visibility"] == "hidden":
                assert MARKER not in test["message"] and "-7, 4" not in test["message"], f"{row}/{test['name']}: {test['message'][:200]!r}"
    forged = main_run.result("missing_name_forgery")
    assert MARKER not in json.dumps(forged) and MARKER not in (main_run.out / "feedback" / "missing_name_forgery.md").read_text()
