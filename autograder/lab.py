"""Lab metadata (`labs/<lab>/lab.toml`) and where a lab's files live."""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path
from typing import Any

from autograder.errors import UserError
from autograder.judge.session import Limits


PACKAGED_COURSE = Path(__file__).resolve().parent / "course"  # the student package's labs (package data)


def course_root() -> Path:
    """The folder holding `labs/`: AUTOGRADER_COURSE_ROOT if set, else the course checkout this
    package lives in, else the labs packaged with the student package."""
    override = os.environ.get("AUTOGRADER_COURSE_ROOT")
    if override:
        return Path(override).resolve()
    checkout = Path(__file__).resolve().parents[1]
    return checkout if (checkout / "labs").is_dir() or not PACKAGED_COURSE.is_dir() else PACKAGED_COURSE


def tests_digest(lab_path: Path) -> str:
    """A hash of what decides a lab's grades: lab.toml and every file of its public and hidden
    tests (compiled caches excluded)."""
    digest = hashlib.sha256()
    for path in [lab_path / "lab.toml", *sorted((lab_path / "tests").rglob("*"))]:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(lab_path).as_posix()}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    points: float


@dataclass(frozen=True)
class Lab:
    id: str
    title: str
    version: str
    notebook: str
    gpu_helps: bool
    limits: Limits
    questions: tuple[Question, ...]
    path: Path

    @property
    def notebook_path(self) -> Path:
        return self.path / self.notebook

    @property
    def public_tests(self) -> Path:
        return self.path / "tests" / "public"

    @property
    def hidden_tests(self) -> Path:
        return self.path / "tests" / "hidden"

    @property
    def solution_dir(self) -> Path:
        return self.path.parent.parent / "solutions" / self.id

    @cached_property
    def tests_sha256(self) -> str:
        """A hash of what decides a grade (see `tests_digest`), so a changed test regrades stored results."""
        return tests_digest(self.path)

    @property
    def max_score(self) -> float:
        return sum(q.points for q in self.questions)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        known = ", ".join(q.id for q in self.questions)
        raise UserError(f"lab {self.id} has no question '{question_id}'; its questions are: {known}")


def _require(table: Any, key: str, kind: type | tuple[type, ...], where: Path) -> Any:
    if not isinstance(table, dict):
        raise UserError(f"{where}: expected a table holding '{key}'; fix the lab metadata")
    value = table.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise UserError(f"{where}: '{key}' must be a {names}; fix the lab metadata")
    return value


def load_lab(lab_dir: Path) -> Lab:
    """Read and check one lab's metadata."""
    meta_path = lab_dir / "lab.toml"
    try:
        meta = tomllib.loads(meta_path.read_text())
    except FileNotFoundError:
        raise UserError(f"{lab_dir} has no lab.toml; is this a lab folder?") from None
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"{meta_path} is not valid TOML: {error}") from None
    limits = meta.get("limits", {})
    known_limits = [field.name for field in fields(Limits)]
    unknown = set(limits) - set(known_limits)
    if unknown:
        raise UserError(f"{meta_path}: unknown limits {sorted(unknown)}; known: {known_limits}")
    for name in limits:
        _require(limits, name, (int, float), meta_path)
    questions = tuple(
        Question(
            id=_require(q, "id", str, meta_path),
            title=str(q.get("title", q["id"])),
            points=float(_require(q, "points", (int, float), meta_path)),
        )
        for q in _require(meta, "questions", list, meta_path)
    )
    if len({q.id for q in questions}) != len(questions):
        raise UserError(f"{meta_path}: question ids must be unique")
    return Lab(
        id=_require(meta, "id", str, meta_path),
        title=_require(meta, "title", str, meta_path),
        version=str(meta.get("version", "1")),
        notebook=_require(meta, "notebook", str, meta_path),
        gpu_helps=bool(meta.get("gpu_helps", False)),
        limits=Limits(**{k: float(v) for k, v in limits.items()}),
        questions=questions,
        path=lab_dir.resolve(),
    )


def all_labs(root: Path | None = None) -> list[Lab]:
    labs_dir = (root or course_root()) / "labs"
    return [load_lab(d) for d in sorted(labs_dir.iterdir()) if (d / "lab.toml").is_file()]


def find_lab(name: str, root: Path | None = None) -> Lab:
    """A lab by folder name, its number ('04') or a path to its folder."""
    candidate = Path(name)
    if (candidate / "lab.toml").is_file():
        return load_lab(candidate)
    labs_dir = (root or course_root()) / "labs"
    names = sorted(d.name for d in labs_dir.iterdir() if (d / "lab.toml").is_file()) if labs_dir.is_dir() else []
    matches = [n for n in names if n == name or n.split("_", 1)[0] == name]
    if len(matches) != 1:
        listing = ", ".join(names) or "none"
        raise UserError(f"no lab named '{name}'; available labs: {listing}")
    return load_lab(labs_dir / matches[0])
