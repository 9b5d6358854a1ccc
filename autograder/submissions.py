"""Find the submissions in a class folder: loose files, one sub-folder per student, or zips."""

from __future__ import annotations

import hashlib
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from autograder.errors import UserError

SUBMISSION_SUFFIXES = (".ipynb", ".py")
MAX_SUBMISSION_BYTES = 50 * 1024 * 1024
_IGNORED_PARTS = {"__MACOSX", ".ipynb_checkpoints", "__pycache__"}


@dataclass(frozen=True)
class Submission:
    """One student's submission: the chosen file's bytes, or why none could be chosen."""

    student: str
    source_name: str
    content: bytes = b""
    problem: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def student_id(name: str) -> str:
    """A file-name-safe student id from a file or folder name."""
    return re.sub(r"[^A-Za-z0-9@._-]+", "_", name).strip("._") or "unnamed"


def _ignored(parts: tuple[str, ...]) -> bool:
    return any(part.startswith(".") or part in _IGNORED_PARTS for part in parts)


def _choose(student: str, where: str, candidates: dict[str, bytes | Path], notebook: str) -> Submission:
    """Pick the lab notebook among a folder's or zip's files."""
    if not candidates:
        return Submission(student, where, problem=f"{where} holds no .ipynb or .py file; submit the lab notebook")
    names = sorted(candidates)
    exact = [n for n in names if PurePosixPath(n).name == notebook]
    notebooks = [n for n in names if n.endswith(".ipynb")]
    chosen = names if len(names) == 1 else exact if len(exact) == 1 else notebooks if len(notebooks) == 1 else []
    if len(chosen) != 1:
        listing = ", ".join(names[:5])
        return Submission(student, where, problem=f"{where} holds {len(names)} candidate files ({listing}); keep only {notebook}")
    item = candidates[chosen[0]]
    return _load(student, f"{where}/{chosen[0]}", item)


def _load(student: str, source_name: str, item: bytes | Path) -> Submission:
    if isinstance(item, Path):
        if item.stat().st_size > MAX_SUBMISSION_BYTES:
            return Submission(student, source_name, problem=f"{source_name} is larger than {MAX_SUBMISSION_BYTES >> 20} MB; clear the notebook's outputs and resubmit")
        item = item.read_bytes()
    return Submission(student, source_name, item)


def _from_folder(folder: Path, notebook: str) -> Submission:
    candidates: dict[str, bytes | Path] = {
        path.relative_to(folder).as_posix(): path
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in SUBMISSION_SUFFIXES and not _ignored(path.relative_to(folder).parts)
    }
    return _choose(student_id(folder.name), folder.name, candidates, notebook)


def _from_zip(path: Path, notebook: str) -> Submission:
    student = student_id(path.stem)
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                info for info in archive.infolist()
                if not info.is_dir() and info.filename.endswith(SUBMISSION_SUFFIXES)
                and not _ignored(PurePosixPath(info.filename).parts)
            ]
            if any(info.file_size > MAX_SUBMISSION_BYTES for info in members):
                return Submission(student, path.name, problem=f"{path.name} holds a file larger than {MAX_SUBMISSION_BYTES >> 20} MB")
            candidates: dict[str, bytes | Path] = {info.filename: archive.read(info) for info in members}
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, zlib.error) as error:
        return Submission(student, path.name, problem=f"{path.name} is not a readable zip file ({error}); re-create the zip")
    return _choose(student, path.name, candidates, notebook)


def discover(folder: Path, notebook: str) -> list[Submission]:
    """Every submission in `folder`, one per student, in name order. Junk files get a row too."""
    if not folder.is_dir():
        raise UserError(f"submissions folder {folder} does not exist; pass the folder holding one file or folder per student")
    found: dict[str, list[Submission]] = {}
    for entry in sorted(folder.iterdir()):
        if _ignored((entry.name,)):
            continue
        if entry.is_dir():
            submission = _from_folder(entry, notebook)
        elif entry.suffix == ".zip":
            submission = _from_zip(entry, notebook)
        elif entry.suffix in SUBMISSION_SUFFIXES:
            submission = _load(student_id(entry.stem), entry.name, entry)
        else:
            submission = Submission(
                student_id(entry.stem), entry.name,
                problem=f"{entry.name}: unsupported file type '{entry.suffix or 'none'}'; submit the .ipynb notebook, a .py export, a folder or a .zip",
            )
        found.setdefault(submission.student, []).append(submission)
    result = []
    for student, entries in found.items():
        if len(entries) == 1:
            result.append(entries[0])
        else:
            names = ", ".join(e.source_name for e in entries)
            result.append(Submission(student, names, problem=f"{student} has {len(entries)} submissions ({names}); keep exactly one"))
    return result
