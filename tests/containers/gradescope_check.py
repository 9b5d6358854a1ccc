"""Install a Gradescope bundle with its own setup.sh in an Ubuntu 22.04 container, then grade in it.

    .venv/bin/python tests/containers/gradescope_check.py     (called by .ci/run; needs root for Podman)

Gradescope's base image is Ubuntu 22.04; none can be pulled here, so one is bootstrapped from
Ubuntu's archive with mmdebstrap (the archive key comes from Ubuntu's keyring package, pinned by
its SHA-256). The bundle is unzipped to /autograder/source and its setup.sh runs as root with the
network on, as Gradescope runs it (apt from Ubuntu's archive; pip from this machine's wheels,
since PyPI's certificate chain here is this machine's own). Then, with no network, run_autograder
grades two example submissions and one classic mistake: results.json must meet Gradescope's specification and give each
the score the host's `grade` gives, with the same misconceptions named.

Where this differs from Gradescope, said plainly: Python 3.11 comes from Ubuntu's jammy-updates
archive (3.11.0rc1), put in the base image, because deadsnakes' PPA (setup.sh's way on a bare
22.04) cannot be reached from here; run_autograder runs as root with SYS_ADMIN and NET_ADMIN,
the capabilities bubblewrap needs as root.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.containers.engine import CACHE, REPO, Engine, bootstrap_base, find_engine, grade_on_host, say, wheelhouse  # noqa: E402
from tests.fixtures.gradescope_spec import check_gradescope_schema  # noqa: E402

LAB, CLASS, STUDENTS = "04", REPO / "examples" / "lab04", ("alice.ipynb", "bob.py")
MUTANT = "he_fan_out"  # a classic mistake the results must name
UBUNTU = "http://archive.ubuntu.com/ubuntu"
KEYRING_DEB = f"{UBUNTU}/pool/main/u/ubuntu-keyring/ubuntu-keyring_2021.03.26_all.deb"
KEYRING_SHA256 = "0d0e7ed6b112f5d03eabf3c7eb01ebdacf9c57714b279e90495cfc58c8c4520f"
SOURCES = tuple(f"deb {UBUNTU} {suite} main universe" for suite in ("jammy", "jammy-updates", "jammy-security"))
PACKAGES = ["apt", "ca-certificates", "python3.11", "python3.11-venv"]
IMAGE = "localhost/keras-labs-gradescope:04"
AS_ROOT = ("--cap-add", "SYS_ADMIN", "--cap-add", "NET_ADMIN")


def ubuntu_keyring() -> Path:
    """Ubuntu's archive keyring, from its package, checked against the pinned digest."""
    keyring = CACHE / "ubuntu-archive-keyring.gpg"
    if keyring.is_file():
        return keyring
    CACHE.mkdir(parents=True, exist_ok=True)
    package = CACHE / "ubuntu-keyring.deb"
    with urllib.request.urlopen(KEYRING_DEB, timeout=60) as response:
        package.write_bytes(response.read())
    if hashlib.sha256(package.read_bytes()).hexdigest() != KEYRING_SHA256:
        raise SystemExit(f"{KEYRING_DEB} does not have the pinned SHA-256; refusing to trust it")
    with tempfile.TemporaryDirectory() as unpacked:
        subprocess.run(["dpkg-deb", "-x", str(package), unpacked], check=True)
        shutil.copy2(Path(unpacked) / "usr/share/keyrings/ubuntu-archive-keyring.gpg", keyring)
    return keyring


def install_bundle(engine: Engine, base: str, bundle: Path) -> float:
    """Gradescope's image build: unzip to /autograder/source, run setup.sh as root; commit it."""
    started = time.monotonic()
    wheels = wheelhouse(REPO / "requirements.txt")
    script = (
        "set -e; mkdir -p /autograder/source; python3.11 -m zipfile -e /bundle.zip /autograder/source; "
        "cp /autograder/source/run_autograder /autograder/run_autograder; chmod +x /autograder/run_autograder; "
        "cd /autograder/source; bash ./setup.sh"
    )
    name = f"gradescope-setup-{int(time.time())}"
    try:
        engine.run(
            "run", "--name", name, "--network", "host", *engine.limits,
            "-e", "PIP_NO_INDEX=1", "-e", "PIP_FIND_LINKS=/wheels",
            "-v", f"{bundle}:/bundle.zip:ro", "-v", f"{wheels}:/wheels:ro", base, "bash", "-c", script,
        )
        engine.run("commit", name, IMAGE)
    finally:
        engine.run("rm", "-f", name, check=False)
    return time.monotonic() - started


def run_autograder(engine: Engine, submission: Path, scratch: Path) -> dict:
    """One submission graded as Gradescope does it; the results.json."""
    root = scratch / submission.stem
    (root / "submission").mkdir(parents=True)
    (root / "results").mkdir()
    shutil.copy2(submission, root / "submission" / submission.name)
    engine.run(
        "run", "--rm", "--network", "none", *engine.limits, *AS_ROOT,
        "-v", f"{root / 'submission'}:/autograder/submission:ro", "-v", f"{root / 'results'}:/autograder/results",
        "-w", "/autograder", IMAGE, "/autograder/run_autograder",
    )
    return json.loads((root / "results" / "results.json").read_text())


def submissions(folder: Path) -> list[Path]:
    """Two example students and the solution with one classic mistake."""
    from autograder.extract import extract_definitions, read_code_cells
    from autograder.lab import find_lab
    from autograder.mutants import mutate

    folder.mkdir()
    for name in STUDENTS:
        shutil.copy2(CLASS / name, folder / name)
    lab = find_lab(LAB)
    source = next(lab.solution_dir.glob("*.py"))
    solution = extract_definitions(read_code_cells(source.name, source.read_bytes())).module_source
    (folder / f"{MUTANT}.py").write_text(mutate(solution, (lab.solution_dir / "mutants" / f"{MUTANT}.py").read_text()))
    return sorted(folder.iterdir())


def host_grades(class_dir: Path, out: Path) -> dict[str, tuple[float, list[str]]]:
    """The host's `grade` of the same submissions: score and misconception sentences per student."""
    grade_on_host(LAB, class_dir, out)
    results = {path.stem: json.loads(path.read_text()) for path in (out / "results").glob("*.json")}
    return {
        student: (result["score"], sorted(m["text"] for q in result["questions"] for m in q["misconceptions"]))
        for student, result in results.items()
    }


def main() -> int:
    engine, why = find_engine()
    if engine is None:
        say(f"skipped: {why}")
        return 0
    from autograder.lab import find_lab

    lab = find_lab(LAB)
    with tempfile.TemporaryDirectory(prefix="gradescope-check-") as scratch_name:
        scratch = Path(scratch_name)
        class_files = submissions(scratch / "class")
        expected = host_grades(scratch / "class", scratch / "host")
        if not any(mistakes for _, mistakes in expected.values()):
            raise SystemExit(f"the host names no misconception in {MUTANT}.py: nothing to compare")
        bundle = scratch / "bundle.zip"
        subprocess.run([sys.executable, "-m", "autograder", "gradescope", LAB, "--out", str(bundle)], check=True, capture_output=True, cwd=REPO)
        options = ("--keyring", str(ubuntu_keyring()), "--components=main,universe")
        base = bootstrap_base(engine, "jammy", PACKAGES, SOURCES, options)
        say(f"setup.sh installed the bundle in {base} in {install_bundle(engine, base, bundle):.0f} s")
        for submission in class_files:
            name = submission.name
            started = time.monotonic()
            data = run_autograder(engine, submission, scratch)
            check_gradescope_schema(data, lab.max_score)
            score, mistakes = expected[submission.stem]
            if abs(data["score"] - score) > 1e-6:
                raise SystemExit(f"{name}: Gradescope score {data['score']} in the container, {score} on the host")
            shown = "\n".join([data["output"], *(test["output"] for test in data["tests"])])
            lost = [m for m in mistakes if m not in shown]
            if lost:
                raise SystemExit(f"{name}: the container's results.json names none of {lost}")
            say(f"{name}: run_autograder in {time.monotonic() - started:.0f} s, results.json meets the spec, "
                f"score {data['score']:g}/{lab.max_score:g} as on the host, {len(mistakes)} misconceptions named")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
