"""Build the CPU grading image here and grade examples/lab04 in it: the same gradebook as the host's.

    .venv/bin/python tests/containers/image_check.py     (called by .ci/run; needs root for Podman)

1. Base: Debian bookworm bootstrapped with mmdebstrap (Python 3.11, bubblewrap, util-linux),
   built on by autograder/docker/Dockerfile.cpu with no network (the wheels come from this
   machine's pip; the lab's mistake profiles from the host's cache, as a Gradescope bundle has them).
2. The sandbox in the container, as the image's non-root user: refused with one line naming the
   missing flag (no fresh /proc; root without capabilities), then graded with the least
   privilege that works (`--security-opt unmask=/proc/*`, no capability added).
3. The same class graded on the host: every student's score, status, per-question scores and
   named misconceptions must be equal.
Skipped, saying why, only where no container engine can run at all.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.containers.engine import REPO, Engine, bootstrap_base, find_engine, grade_on_host, say, wheelhouse  # noqa: E402

LAB, LAB_FOLDER, CLASS = "04", "04_weight_init", REPO / "examples" / "lab04"
IMAGE = "localhost/keras-labs-grader:cpu"
BASE_PACKAGES = ["ca-certificates", "python3", "python3-venv", "bubblewrap", "util-linux", "passwd"]
LEAST_PRIVILEGE = ("--security-opt", "unmask=/proc/*")
GRADER_UID = 1000
REFUSED = 3  # autograder.docker.preflight.REFUSED


def build_context(folder: Path) -> None:
    """What Dockerfile.cpu copies, the wheels it installs from, and the lab's mistake profiles."""
    from autograder.diagnosis.profiles import BUNDLED_PROFILES, profiles_path
    from autograder.lab import find_lab

    shutil.copy2(REPO / "requirements.txt", folder / "requirements.txt")
    for part in ("autograder", "labs"):
        shutil.copytree(REPO / part, folder / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
    shutil.copytree(wheelhouse(REPO / "requirements.txt"), folder / "wheelhouse")
    profiles = profiles_path(find_lab(LAB), build=False)
    if profiles is None:
        raise SystemExit(f"no mistake profiles for lab {LAB} on the host: grade it on the host first")
    shutil.copy2(profiles, folder / "labs" / LAB_FOLDER / BUNDLED_PROFILES)


def build_image(engine: Engine, base: str) -> float:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="grader-image-") as context:
        build_context(Path(context))
        engine.run(
            "build", *engine.limits, "--network", "none", "--build-arg", f"BASE={base}", "--build-arg", "WHEELHOUSE=wheelhouse",
            "-f", str(REPO / "autograder" / "docker" / "Dockerfile.cpu"), "-t", IMAGE, context,
        )
    return time.monotonic() - started


def grade_in_container(engine: Engine, out: Path, *options: str) -> subprocess.CompletedProcess:
    out.mkdir(parents=True, exist_ok=True)
    shutil.chown(out, GRADER_UID, GRADER_UID)
    return engine.run(
        "run", "--rm", "--network", "none", *engine.limits, *options,
        "-v", f"{CLASS}:/submissions:ro", "-v", f"{out}:/out", IMAGE, LAB, "/submissions", "--out", "/out", check=False,
    )


def check_refusals(engine: Engine, scratch: Path) -> None:
    """Without a fresh /proc, or as root without capabilities: refused at once, naming the flag."""
    cases = {
        "no fresh /proc": ((), "unmask=/proc/*"),
        "root without capabilities": (("--user", "0", *LEAST_PRIVILEGE), "--cap-add SYS_ADMIN"),
    }
    for case, (options, flag) in cases.items():
        started = time.monotonic()
        completed = grade_in_container(engine, scratch / case.replace(" ", "-").replace("/", ""), *options)
        lines = [line for line in completed.stderr.splitlines() if line.startswith("refusing to grade")]
        if completed.returncode != REFUSED or len(lines) != 1 or flag not in lines[0]:
            raise SystemExit(f"{case}: expected one refusal naming {flag!r}, got {completed.returncode}:\n{completed.stderr[-2000:]}")
        say(f"refused ({case}) in {time.monotonic() - started:.1f} s: {lines[0][:160]}...")


def gradebook(out: Path) -> dict[str, dict]:
    """Per student: score, status, per-question scores (grades.csv) and misconceptions (results JSON)."""
    with open(out / "grades.csv", newline="") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    book = {}
    for student, row in rows.items():
        result = json.loads((out / "results" / f"{student}.json").read_text())
        book[student] = {
            "score": row["score"], "status": row["status"],
            "questions": {q["id"]: q["score"] for q in result["questions"]},
            "misconceptions": {q["id"]: sorted(m["id"] for m in q["misconceptions"]) for q in result["questions"]},
        }
    return book


def main() -> int:
    engine, why = find_engine()
    if engine is None:
        say(f"skipped: {why}")
        return 0
    with tempfile.TemporaryDirectory(prefix="image-check-") as scratch_name:
        scratch = Path(scratch_name)
        say(f"graded {CLASS.name} on the host in {grade_on_host(LAB, CLASS, scratch / 'host'):.0f} s")
        base = bootstrap_base(engine, "bookworm", BASE_PACKAGES)
        say(f"built {IMAGE} on {base} in {build_image(engine, base):.0f} s ({engine.name}, no network)")
        check_refusals(engine, scratch)
        started = time.monotonic()
        completed = grade_in_container(engine, scratch / "container", *LEAST_PRIVILEGE)
        if completed.returncode != 0:
            raise SystemExit(f"grading in the container failed ({completed.returncode}):\n{completed.stderr[-3000:]}")
        if "warm workers unavailable" in completed.stderr:
            raise SystemExit(f"the container fell back to cold workers:\n{completed.stderr[-2000:]}")
        say(f"graded {CLASS.name} in the container ({' '.join(LEAST_PRIVILEGE)}, non-root, sandboxed) in {time.monotonic() - started:.0f} s")
        host, container = gradebook(scratch / "host"), gradebook(scratch / "container")
        differences = [f"{s}: host {host.get(s)} / container {container.get(s)}" for s in sorted(set(host) | set(container)) if host.get(s) != container.get(s)]
        if differences:
            raise SystemExit("the container's gradebook differs from the host's:\n" + "\n".join(differences))
        statuses = sorted({entry["status"] for entry in host.values()})
        named = sum(len(ids) for entry in host.values() for ids in entry["misconceptions"].values())
        say(f"same gradebook in the container as on the host: {len(host)} students ({', '.join(statuses)}), "
            f"their scores, per-question scores and {named} named misconceptions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
