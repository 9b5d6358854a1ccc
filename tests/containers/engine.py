"""A container engine on this machine, and root file systems bootstrapped here as base images.

No registry is reachable from CI, so base images come from Debian's (or Ubuntu's) archive via
`mmdebstrap`, imported into the engine; the grader's wheels come from this machine's pip, so a
build needs no network at all. Everything is cached in the engine's storage and under
$KERAS_LABS_IMAGE_CACHE (default /var/tmp/keras-labs-images) between runs on one machine.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("KERAS_LABS_IMAGE_CACHE", "/var/tmp/keras-labs-images"))
MAX_PROCESSES = 32768  # above Podman's asking 4194304, which an unprivileged CI machine refuses


@dataclass(frozen=True)
class Engine:
    """How to call the engine: the command prefix and the options every build and run needs here."""

    command: tuple[str, ...]
    limits: tuple[str, ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        return Path(self.command[0]).name

    def run(self, *args: str, check: bool = True, quiet: bool = False, timeout: float = 1800) -> subprocess.CompletedProcess:
        completed = subprocess.run([*self.command, *args], capture_output=True, text=True, timeout=timeout)
        if check and completed.returncode != 0:
            raise SystemExit(f"{self.name} {' '.join(args[:3])} failed ({completed.returncode}):\n{completed.stderr[-3000:]}")
        return completed

    def image_exists(self, tag: str) -> bool:
        return self.run("image", "inspect", tag, check=False).returncode == 0


def _limits() -> tuple[str, ...]:
    """Resource limits the containers get: this process's own, so the runtime never has to raise one."""
    open_files = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    processes = resource.getrlimit(resource.RLIMIT_NPROC)[1]
    open_files = 65536 if open_files == resource.RLIM_INFINITY else min(open_files, 65536)
    processes = MAX_PROCESSES if processes == resource.RLIM_INFINITY else min(processes, MAX_PROCESSES)
    return ("--ulimit", f"nofile={open_files}:{open_files}", "--ulimit", f"nproc={processes}:{processes}")


def find_engine() -> tuple[Engine | None, str]:
    """Podman (with runc where installed: crun refuses cgroup v1 hybrid hosts), else a reachable
    Docker daemon; None and why, where no container can run here."""
    if shutil.which("podman"):
        command = ("podman", "--runtime", "runc") if shutil.which("runc") else ("podman",)
        engine = Engine(command, _limits())
    elif shutil.which("docker"):
        engine = Engine(("docker",))
    else:
        return None, "no container engine here (apt-get install podman runc, or start a Docker daemon)"
    info = engine.run("info", check=False, timeout=120)
    if info.returncode != 0:
        reason = (info.stderr.strip().splitlines() or ["no reason given"])[-1]
        return None, f"{engine.name} cannot run containers here: {reason}"
    return engine, ""


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def bootstrap_base(engine: Engine, suite: str, packages: list[str], sources: tuple[str, ...] = (), options: tuple[str, ...] = ()) -> str:
    """A minimal root file system of `suite` with `packages` (from `sources`, apt lines; this
    machine's Debian mirror by default), imported as an image; its tag."""
    tag = f"localhost/keras-labs-base:{suite}-{_digest(suite, *sources, *sorted(packages))}"
    if engine.image_exists(tag):
        return tag
    if not shutil.which("mmdebstrap"):
        raise SystemExit("mmdebstrap is not installed (apt-get install mmdebstrap)")
    CACHE.mkdir(parents=True, exist_ok=True)
    tarball = CACHE / f"{tag.rsplit(':', 1)[1]}.tar"
    started = time.monotonic()
    command = ["mmdebstrap", "--variant=minbase", *options, f"--include={','.join(packages)}", suite, str(tarball), *sources]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=1200)
    if completed.returncode != 0:
        tarball.unlink(missing_ok=True)
        raise SystemExit(f"mmdebstrap {suite} failed:\n{completed.stderr[-3000:]}")
    engine.run("import", str(tarball), tag)
    tarball.unlink()
    say(f"bootstrapped {tag} with mmdebstrap in {time.monotonic() - started:.0f} s")
    return tag


def wheelhouse(requirements: Path) -> Path:
    """Every pinned wheel for `requirements`, built by this machine's pip once per requirements file."""
    folder = CACHE / f"wheels-{_digest(requirements.read_text())}"
    if not (folder / ".complete").is_file():
        started = time.monotonic()
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "-r", str(requirements), "-w", str(folder)],
                       check=True, capture_output=True, timeout=1800)
        (folder / ".complete").touch()
        say(f"wheelhouse of {requirements.name}: {time.monotonic() - started:.0f} s")
    return folder


def grade_on_host(lab: str, class_dir: Path, out: Path) -> float:
    """`grade` of a class with this checkout's grader, as an instructor runs it; the seconds it took."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "autograder", "grade", lab, str(class_dir), "--out", str(out)],
                   check=True, capture_output=True, timeout=1800, cwd=REPO)
    return time.monotonic() - started


def say(text: str) -> None:
    print(f"[containers] {text}", flush=True)
