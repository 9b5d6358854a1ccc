"""Each mutant's answers to its question's tests, next to the solution's: a lab's misconception profiles.

A profile holds, for every call a question's tests made to the mutant, the sketch of what came
back and whether the solution answered the same call differently. Profiles are computed from
the instructor's solution and mutants only (never from a student's code), graded in workers
exactly as a submission is, once per lab version, by a separate process, and kept on disk;
the student package ships the public tests' part.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder.atomic_write import write_text_atomically
from autograder.cache import cache_root
from autograder.diagnosis import SWITCH
from autograder.diagnosis.sketch import UNSTABLE, Sketch, matches
from autograder.errors import UserError
from autograder.judge import calls as call_log
from autograder.lab import Lab
from autograder.mutants import Mutant, load_mutants, mutate, replaced_names

FORMAT = 1
BUILD_TIMEOUT_S = 1800.0
PUBLIC_PROFILES = "diagnosis.json"  # in a lab's tests/public/ of the student package
BUNDLED_PROFILES = "diagnosis.json"  # in a lab's folder of a Gradescope bundle (hidden tests included)


@dataclass(frozen=True)
class MutantProfile:
    name: str
    question: str
    functions: list[str]
    text: str
    calls: dict[str, tuple[Sketch, bool]] = field(default_factory=dict)  # key -> (sketch, differs from the solution's)


_CODE = [Path(__file__), Path(__file__).with_name("sketch.py"), Path(call_log.__file__)]  # how profiles are built, calls keyed and sketched


def fingerprint(lab: Lab) -> str:
    """What the profiles depend on: the lab's tests, its solution and mutants, how calls are
    keyed and sketched."""
    from autograder.notebooks.generate import solution_source  # jupytext: not in the student package

    digest = hashlib.sha256(f"{FORMAT}\0{lab.tests_sha256}\0".encode())
    solution = lab.solution_dir
    for path in [*_CODE, solution_source(lab), solution / "mutants.toml", *sorted((solution / "mutants").glob("*.py"))]:
        if path.is_file():
            digest.update(f"{path.name}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def profiles_from_calls(solution_module: str, mutants: list[Mutant], calls: dict[str, dict[str, dict[str, Sketch]]]) -> list[MutantProfile]:
    """Every mutant's profile on its question (the first it `loses`), from the call logs of the
    runs `runs.profile_runs` lists, by label. Every test ran for each mutant, so that calls are
    counted and attributed as in a grading. A call is kept when the solution answers it alike
    in two runs (or the mutant answered it differently twice in one: UNSTABLE) and the mutant
    answers it alike when its question's tests run again: an answer that rests on chance (noise
    drawn at inference, weights drawn before a seed is set) says nothing about a student's."""
    from autograder.diagnosis.runs import SOLUTION, SOLUTION_AGAIN, mutant_label  # runs imports grading, which imports this module

    solution_calls, again = calls[SOLUTION], calls[SOLUTION_AGAIN]  # the second in another global state
    reproducible = {
        question: {key for key, value in answers.items() if matches(value, again.get(question, {}).get(key))}
        for question, answers in solution_calls.items()
    }
    profiles = []
    for mutant in mutants:
        question = mutant.loses[0]
        answers = calls[mutant_label(mutant)].get(question, {})
        repeated = calls[mutant_label(mutant, again=True)].get(question, {})
        solution, kept = solution_calls.get(question, {}), reproducible.get(question, set())
        marked = {
            key: (value, key in solution and not matches(value, solution[key]))
            for key, value in answers.items() if (key in kept or value == UNSTABLE) and matches(value, repeated.get(key))
        }
        profiles.append(MutantProfile(mutant.name, question, replaced_names(solution_module, mutant.path.read_text()), mutant.why, marked))
    return profiles


def build_profiles(lab: Lab, jobs: int = 0, public_only: bool = False) -> list[MutantProfile]:
    """The lab's profiles, its runs graded unsandboxed (the instructor's code only) by `jobs`
    warm grading processes side by side (0: see `executors.local.auto_jobs`)."""
    from autograder.diagnosis.runs import graded_runs, profile_runs, solution_module as extracted_solution

    solution_module = extracted_solution(lab)
    mutants = load_mutants(lab)
    modules = {mutant.name: mutate(solution_module, mutant.path.read_text(), str(mutant.path)) for mutant in mutants}
    runs = profile_runs(solution_module, modules, mutants, public_only)
    calls = {run.label: run_calls for run, _, run_calls in graded_runs(lab, runs, jobs)}
    return profiles_from_calls(solution_module, mutants, calls)


def save_profiles(profiles: list[MutantProfile], lab: Lab, path: Path) -> None:
    """Write atomically (a reader never sees half a file)."""
    document = {"format": FORMAT, "lab": lab.id, "fingerprint": fingerprint(lab), "mutants": [asdict(p) for p in profiles]}
    write_text_atomically(path, json.dumps(document))


def read_profiles(path: Path) -> list[MutantProfile]:
    """Profiles written by `save_profiles` (trusted: built from the instructor's code)."""
    document = json.loads(path.read_text())
    if document.get("format") != FORMAT:
        return []
    return [
        MutantProfile(m["name"], m["question"], list(m["functions"]), m["text"], {k: (v[0], bool(v[1])) for k, v in m["calls"].items()})
        for m in document["mutants"]
    ]


def keep_profiles(lab: Lab, profiles: list[MutantProfile]) -> Path:
    """Store profiles built elsewhere (by `validate`, from its own gradings) where grading finds them."""
    path = _cached(lab)
    save_profiles(profiles, lab, path)
    _LOADED[path] = profiles
    return path


def cache_dir() -> Path:
    """Where profiles are kept between grading runs: $AUTOGRADER_CACHE or the user's cache folder."""
    return cache_root() / "diagnosis"


def profiles_path(lab: Lab, build: bool = True) -> Path | None:
    """Where the lab's profiles are: with its solution here, the disk cache (built there once,
    in a child process, one builder at a time, unless `build` is false); without, the copy a
    Gradescope bundle carries, or the public one the student package ships. None: no profiles."""
    if not lab.solution_dir.is_dir():
        return next((path for path in (lab.path / BUNDLED_PROFILES, lab.public_tests / PUBLIC_PROFILES) if path.is_file()), None)
    if not load_mutants(lab):
        return None
    path = _cached(lab)
    if not path.is_file():
        if not build:
            return None
        _build_once(lab, path)
    return path


def _cached(lab: Lab, public_only: bool = False) -> Path:
    return cache_dir() / f"{lab.id}-{'public-' if public_only else ''}{fingerprint(lab)[:24]}.json"


def public_profiles(labs: list[Lab]) -> dict[str, Path]:
    """The public tests' profiles of the labs with mutants (for the student package), by lab
    id: from the cache, the missing ones built in one child process."""
    paths = {lab.id: _cached(lab, public_only=True) for lab in labs if load_mutants(lab)}
    missing = [lab for lab in labs if lab.id in paths and not paths[lab.id].is_file()]
    if missing:
        cache_dir().mkdir(parents=True, exist_ok=True)
        build_in_child(missing, [paths[lab.id] for lab in missing], public_only=True)
    return paths


_LOADED: dict[Path, list[MutantProfile]] = {}


def lab_profiles(lab: Lab, build: bool = True) -> list[MutantProfile]:
    """The lab's profiles (see `profiles_path`), read once per process."""
    path = profiles_path(lab, build)
    if path is None:
        return []
    if path not in _LOADED:
        _LOADED[path] = read_profiles(path)
    return _LOADED[path]


def build_in_child(labs: list[Lab], outs: list[Path], public_only: bool = False) -> None:
    """Build profiles in a fresh interpreter (python -m autograder.diagnosis): UserError if it fails.
    The diagnosis switch is not passed on: a build with answers unlogged would keep empty profiles."""
    command = [sys.executable, "-m", "autograder.diagnosis", "--parent", str(os.getpid())]
    command += ["--labs", *map(str, (lab.path for lab in labs)), "--outs", *map(str, outs)]
    env = {name: value for name, value in os.environ.items() if name != SWITCH}
    done = subprocess.run(
        command + (["--public-only"] if public_only else []), capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, env=env,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise UserError(f"could not build the misconception profiles of {', '.join(lab.id for lab in labs)}: {last[:300]}")


_FAILED: dict[Path, str] = {}  # builds that failed in this process: not retried for every failed question


def _build_once(lab: Lab, path: Path) -> None:
    if path in _FAILED:
        raise UserError(_FAILED[path])
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another grading process may be building it
        if not path.is_file():
            try:
                build_in_child([lab], [path])
            except UserError as error:
                _FAILED[path] = str(error)
                raise
            for older in path.parent.glob(f"{lab.id}-[0-9a-f]*.json"):  # profiles of earlier versions of the lab
                if older != path:
                    older.unlink(missing_ok=True)
