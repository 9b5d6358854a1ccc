"""The container images' contract, checked without a Docker engine by reading the Dockerfiles.

Pinned base images, the pinned requirements (CPU: requirements.txt itself; GPU: the same file
with only the TensorFlow line swapped for its CUDA build, derived in the Dockerfile), bubblewrap for the sandbox, the
labs' data smoke-tested at build time, and an entry point that runs `python -m autograder grade`.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCKER = REPO / "autograder" / "docker"
IMAGES = {"cpu": DOCKER / "Dockerfile.cpu", "gpu": DOCKER / "Dockerfile.gpu"}
REQUIREMENTS = REPO / "requirements.txt"


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str


def parse_dockerfile(path: Path) -> list[Instruction]:
    """Instructions in order, with `\\` continuations joined and comments dropped."""
    instructions: list[Instruction] = []
    pending = ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if pending and line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        full = (pending + line).strip()
        pending = ""
        keyword, _, arguments = full.partition(" ")
        instructions.append(Instruction(keyword.upper(), arguments.strip()))
    assert not pending, f"{path.name}: a line continuation runs off the end of the file"
    return instructions


def of(instructions: list[Instruction], keyword: str) -> list[str]:
    return [i.arguments for i in instructions if i.keyword == keyword]


def requirement_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text().splitlines() if line.strip() and not line.strip().startswith("#")]


def image_paths(instructions: list[Instruction]) -> dict[str, str]:
    """Where each COPY puts its source inside the image: absolute image path -> repository path."""
    workdir = PurePosixPath("/")
    copies: dict[str, str] = {}
    for instruction in instructions:
        if instruction.keyword == "WORKDIR":
            workdir = workdir / instruction.arguments
        elif instruction.keyword == "COPY":
            parts = [p for p in shlex.split(instruction.arguments) if not p.startswith("--")]
            *sources, destination = parts
            assert len(sources) == 1, f"one source per COPY keeps the contract checkable: {instruction.arguments}"
            copies[str(workdir / destination)] = sources[0]
    return copies


def to_repository(path: str, copies: dict[str, str]) -> Path | None:
    for destination, source in copies.items():
        if path == destination or path.startswith(destination.rstrip("/") + "/"):
            return REPO / source / os.path.relpath(path, destination)
    return None


@pytest.fixture(params=sorted(IMAGES), scope="module")
def image(request) -> tuple[str, list[Instruction]]:
    return request.param, parse_dockerfile(IMAGES[request.param])


def base_image(instructions: list[Instruction]) -> str:
    """The last FROM's image, a `${ARG}` resolved to the default its ARG gives."""
    defaults = dict(arg.split("=", 1) for arg in of(instructions, "ARG") if "=" in arg)
    reference = of(instructions, "FROM")[-1].split()[0]
    match = re.fullmatch(r"\$\{?(\w+)\}?", reference)
    return defaults.get(match.group(1), "") if match else reference


def test_base_images_are_pinned_by_version_tag(image):
    name, instructions = image
    froms = of(instructions, "FROM")
    assert len(froms) == 1, f"Dockerfile.{name} needs exactly one FROM"
    reference = base_image(instructions)
    assert reference, f"Dockerfile.{name}: a base image given by a build argument needs a default (ARG BASE=...)"
    repository, _, tag = reference.split("@")[0].rpartition(":")
    assert repository and tag, f"{reference}: pin the base image by tag"
    assert tag != "latest" and "latest" not in tag, f"{reference}: 'latest' is not a pin"
    assert re.search(r"\d+\.\d+", tag), f"{reference}: the tag must name a version"


def test_cpu_base_is_python_311_and_gpu_base_has_cuda():
    cpu, gpu = (base_image(parse_dockerfile(IMAGES[name])) for name in ("cpu", "gpu"))
    assert re.fullmatch(r"python:3\.11\.\d+-slim-\w+", cpu), cpu
    assert re.fullmatch(r"nvidia/cuda:12\.[\d.]+-cudnn[\w-]*-runtime-ubuntu[\d.]+|tensorflow/tensorflow:[\d.]+-gpu", gpu), gpu


SED = re.compile(r"sed\s+'s/([^/]+)/([^/]+)/'\s+(\S+)\s*>\s*(\S+)")


WHEELHOUSE_OPTION = re.compile(r"\$\{WHEELHOUSE:\+[^}]*\}\s*")  # an offline build's --find-links: same requirements


def pip_installs(instructions: list[Instruction]) -> list[str]:
    """Each `pip install` command, from `pip` on, the optional wheelhouse options dropped."""
    commands = [c for run in of(instructions, "RUN") for c in re.split(r"&&|;", run)]
    return [WHEELHOUSE_OPTION.sub("", c[c.index("pip"):]).strip() for c in commands if re.search(r"\bpip3?\s+install\b", c)]


def derived_requirements(instructions: list[Instruction]) -> tuple[str, str, list[str]]:
    """The GPU image's `sed` that derives its requirements: (input, output, lines it produces)."""
    seds = [match for run in of(instructions, "RUN") for match in SED.finditer(run)]
    assert len(seds) == 1, "Dockerfile.gpu must derive its requirements from requirements.txt with one sed"
    pattern, replacement, source, target = seds[0].groups()
    lines = [re.sub(pattern, lambda _: replacement, line) for line in (REPO / source).read_text().splitlines()]
    return source, target, lines


def test_every_requirement_is_pinned():
    loose = [line for line in requirement_lines(REQUIREMENTS) if not re.fullmatch(r"[A-Za-z0-9_.\-]+==[\w.]+", line)]
    assert not loose, f"requirements.txt: not pinned with ==: {loose}"


def test_gpu_requirements_are_requirements_txt_with_only_tensorflow_swapped():
    cpu = REQUIREMENTS.read_text().splitlines()
    source, _, gpu = derived_requirements(parse_dockerfile(IMAGES["gpu"]))
    assert source == "requirements.txt"
    tensorflow_cpu = [line for line in cpu if re.match(r"tensorflow[-_]cpu==", line, re.I)]
    assert len(tensorflow_cpu) == 1, "requirements.txt must pin tensorflow-cpu exactly once"
    version = tensorflow_cpu[0].split("==")[1]
    expected = [f"tensorflow[and-cuda]=={version}" if line == tensorflow_cpu[0] else line for line in cpu]
    assert gpu == expected
    assert sum(a != b for a, b in zip(cpu, gpu)) == 1


@pytest.mark.parametrize("name", ["cpu", "gpu"])
def test_images_install_exactly_the_pinned_requirements(name):
    instructions = parse_dockerfile(IMAGES[name])
    copies = image_paths(instructions)
    assert [source for source in copies.values() if source.endswith(".txt")] == ["requirements.txt"], \
        f"Dockerfile.{name} must COPY requirements.txt (and no other requirements file)"
    expected = "requirements.txt" if name == "cpu" else derived_requirements(instructions)[1]
    installs = pip_installs(instructions)
    from_file = [c for c in installs if " -r " in f" {c} "]
    assert from_file == [f"pip install -r {expected}"], f"Dockerfile.{name} must install exactly -r {expected}: {installs}"
    others = [c for c in installs if c not in from_file]
    assert all(re.fullmatch(r"pip3? install (--upgrade|-U) pip", c) for c in others), f"unpinned installs: {others}"


def test_bubblewrap_and_util_linux_are_installed(image):
    name, instructions = image
    packages = " ".join(command for run in of(instructions, "RUN") for command in re.split(r"&&|;", run) if "apt-get install" in command)
    assert re.search(r"\bbubblewrap\b", packages), f"Dockerfile.{name} does not install bubblewrap (the sandbox needs bwrap)"
    assert re.search(r"\butil-linux\b", packages), f"Dockerfile.{name} does not install util-linux (prlimit, setpriv)"


def test_grader_and_labs_are_copied_and_the_course_root_points_at_them(image):
    name, instructions = image
    copies = image_paths(instructions)
    by_source = {source: destination for destination, source in copies.items()}
    assert {"autograder", "labs"} <= set(by_source), f"Dockerfile.{name} must COPY autograder and labs"
    assert "solutions" not in by_source, "the grading images need no solutions"
    assert PurePosixPath(by_source["autograder"]).parent == PurePosixPath(by_source["labs"]).parent
    environment = " ".join(of(instructions, "ENV"))
    root = str(PurePosixPath(by_source["labs"]).parent)
    assert f"AUTOGRADER_COURSE_ROOT={root}" in environment and f"PYTHONPATH={root}" in environment


def test_labs_data_smoke_test_runs_at_build_time_after_the_copies(image):
    name, instructions = image
    keywords = [(i.keyword, i.arguments) for i in instructions]
    smoke = [n for n, (k, a) in enumerate(keywords) if k == "RUN" and "python -m autograder.docker.smoke" in a]
    assert smoke, f"Dockerfile.{name} does not run the smoke test"
    last_copy = max(n for n, (k, _) in enumerate(keywords) if k == "COPY")
    assert smoke[0] > last_copy, "the smoke test must run after the grader and labs are in the image"
    source = (DOCKER / "smoke.py").read_text()
    assert all(name in source for name in ("load_digits", "make_moons", "make_circles", "bwrap", "all_labs"))


def test_entrypoint_is_an_existing_script_running_the_grader(image):
    name, instructions = image
    entrypoints = of(instructions, "ENTRYPOINT")
    assert len(entrypoints) == 1, f"Dockerfile.{name} needs exactly one ENTRYPOINT"
    command = json.loads(entrypoints[0])  # exec form: signals reach the grader
    assert isinstance(command, list) and command
    script = to_repository(command[0], image_paths(instructions))
    assert script is not None and script.is_file(), f"ENTRYPOINT {command[0]} is not a file the image copies"
    assert os.access(script, os.X_OK), f"{script} must be executable"
    text = script.read_text()
    assert text.startswith("#!/bin/sh") or text.startswith("#!/usr/bin/env bash")
    assert re.search(r'^exec python -m autograder grade "\$@"$', text, re.M), "the entry point must exec `python -m autograder grade \"$@\"`"


def test_entrypoint_checks_the_sandbox_before_grading():
    text = (DOCKER / "entrypoint.sh").read_text()
    preflight, grade = text.find('python -m autograder.docker.preflight "$@"'), text.find("exec python -m autograder grade")
    assert 0 <= preflight < grade, "the entry point must run the sandbox preflight before the grader"
    assert "set -eu" in text, "a refusal by the preflight must stop the entry point"


def test_cpu_image_grades_as_a_non_root_user():
    name, instructions = "cpu", parse_dockerfile(IMAGES["cpu"])
    users = of(instructions, "USER")
    assert users and users[-1] not in ("root", "0"), f"Dockerfile.{name} must end as a non-root USER (the sandbox then needs no capability)"
    assert any(re.search(rf"useradd .*\b{users[-1]}\b", run) for run in of(instructions, "RUN")), f"Dockerfile.{name} never creates {users[-1]}"


def test_both_images_run_the_same_grader():
    cpu, gpu = (parse_dockerfile(IMAGES[name]) for name in ("cpu", "gpu"))
    assert of(cpu, "ENTRYPOINT") == of(gpu, "ENTRYPOINT")
    assert image_paths(cpu)["/opt/keras-labs/autograder"] == image_paths(gpu)["/opt/keras-labs/autograder"] == "autograder"


def test_build_context_ignores_keep_what_the_images_copy():
    for name, dockerfile in IMAGES.items():
        ignore = dockerfile.with_name(dockerfile.name + ".dockerignore")
        assert ignore.is_file(), f"{ignore.name} keeps .venv and .git out of the build context"
        patterns = [line.strip() for line in ignore.read_text().splitlines() if line.strip() and not line.startswith("#")]
        assert ".venv" in patterns and ".git" in patterns
        for source in image_paths(parse_dockerfile(dockerfile)).values():
            top = source.split("/")[0]
            assert top not in patterns, f"{ignore.name} excludes {top}, which Dockerfile.{name} copies"


def test_docs_give_build_and_offline_run_commands():
    text = (REPO / "docs" / "containers.md").read_text()
    for expected in (
        "docker build -f autograder/docker/Dockerfile.cpu -t keras-labs-grader:cpu .",
        "docker build -f autograder/docker/Dockerfile.gpu -t keras-labs-grader:gpu .",
        "--network none", "--gpus all", "--no-sandbox", "unmask=/proc/*", "systempaths=unconfined",
        "tests/containers/image_check.py",
    ):
        assert expected in text, f"docs/containers.md does not mention {expected!r}"
