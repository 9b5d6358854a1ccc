"""Find the submissions in a class folder: loose files, one sub-folder per student, or zips.

Everything here is bounded before it is read: entries per folder or archive, folder depth,
bytes read from a file or decompressed from a zip member (counted as read, not as the
archive claims). Symbolic links (to a classmate's file, or outside the class folder) and
archive members with absolute or `..` paths are refused with a clear status. Two entries
whose names make the same student id both get a row, under distinct ids.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Iterator

from autograder.errors import UserError
from autograder.lms.gradescope_export import METADATA_NAME, read_metadata
from autograder.lms.layouts import Identity, class_layout, identify, is_blackboard_receipt, receipt_names
from autograder.lms.selection import one_per_student
from autograder.safe_text import plain

SUBMISSION_SUFFIXES = (".ipynb", ".py")
MAX_SUBMISSION_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 2000  # files and folders in one student's folder or zip
MAX_DEPTH = 12
MAX_ID_CHARS = 100
MAX_CLASS_ENTRIES = 50_000  # members of a whole class's download
MAX_CLASS_BYTES = 4 << 30
_IGNORED_PARTS = {"__MACOSX", ".ipynb_checkpoints", "__pycache__"}


@dataclass(frozen=True)
class Submission:
    """One student's submission: the chosen file's bytes, or why none could be chosen."""

    student: str
    source_name: str
    content: bytes = b""
    problem: str | None = None
    identity: Identity | None = None  # who, as the LMS export's name says (None: a plain layout)

    def __post_init__(self) -> None:
        """File names are the submitter's text: neutralised once, here, for every report."""
        object.__setattr__(self, "source_name", plain(self.source_name, 300))
        if self.problem is not None:
            object.__setattr__(self, "problem", plain(self.problem, 2000))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def student_id(name: str) -> str:
    """A file-name-safe student id from a file or folder name (never starting with - or @)."""
    return re.sub(r"[^A-Za-z0-9@._-]+", "_", name).strip("._-@")[:MAX_ID_CHARS] or "unnamed"


class _Refused(Exception):
    """An entry went over a bound or is a link or a path out of its folder; the message says which."""


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


_TOO_LARGE = f"larger than {MAX_SUBMISSION_BYTES >> 20} MB; clear the notebook's outputs and resubmit"


def _read_bounded(handle, what: str) -> bytes:
    data = handle.read(MAX_SUBMISSION_BYTES + 1)
    if len(data) > MAX_SUBMISSION_BYTES:
        raise _Refused(f"{what} is {_TOO_LARGE}")
    return data


def _load(student: str, source_name: str, item: bytes | Path) -> Submission:
    if isinstance(item, Path):
        try:
            with open(item, "rb", opener=lambda path, flags: os.open(path, flags | os.O_NOFOLLOW)) as handle:
                item = _read_bounded(handle, source_name)
        except _Refused as error:
            return Submission(student, source_name, problem=str(error))
        except OSError as error:
            return Submission(student, source_name, problem=f"{source_name} cannot be read ({error.strerror}); submit the file itself, not a link")
    return Submission(student, source_name, item)


def _folder_files(folder: Path) -> dict[str, bytes | Path]:
    """The candidate files under `folder`, walked without following links, within the bounds."""
    found: dict[str, bytes | Path] = {}
    entries = 0
    for top, dirs, files in os.walk(folder):
        relative = Path(top).relative_to(folder)
        if len(relative.parts) > MAX_DEPTH:
            raise _Refused(f"{folder.name} is nested more than {MAX_DEPTH} folders deep")
        dirs[:] = [d for d in dirs if not _ignored((d,))]
        entries += len(dirs) + len(files)
        if entries > MAX_ENTRIES:
            raise _Refused(f"{folder.name} holds more than {MAX_ENTRIES} files and folders")
        for name in [*dirs, *files]:
            if os.path.islink(os.path.join(top, name)):
                raise _Refused(f"{folder.name} holds a symbolic link ({(relative / name).as_posix()}); submit plain files")
        for name in files:
            path = Path(top, name)
            if path.suffix in SUBMISSION_SUFFIXES and not _ignored(path.relative_to(folder).parts):
                found[path.relative_to(folder).as_posix()] = path
    return found


def _from_folder(folder: Path, notebook: str) -> Submission:
    try:
        candidates = _folder_files(folder)
    except _Refused as error:
        return Submission(student_id(folder.name), folder.name, problem=str(error))
    return _choose(student_id(folder.name), folder.name, candidates, notebook)


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    name = PurePosixPath(info.filename)
    if name.is_absolute() or ".." in name.parts or "\\" in info.filename:
        return f"a member with a path outside the archive ({info.filename[:80]!r})"
    if stat.S_ISLNK(info.external_attr >> 16):
        return f"a symbolic link ({info.filename[:80]!r})"
    if len(name.parts) > MAX_DEPTH:
        return f"a member nested more than {MAX_DEPTH} folders deep"
    return None


def _zip_candidates(archive: zipfile.ZipFile, where: str) -> dict[str, bytes | Path]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _Refused(f"{where} holds more than {MAX_ENTRIES} entries")
    problems = [problem for info in infos if (problem := _member_problem(info))]
    if problems:
        raise _Refused(f"{where} holds {problems[0]}; re-create the zip from the notebook alone")
    members = [
        info for info in infos
        if not info.is_dir() and info.filename.endswith(SUBMISSION_SUFFIXES) and not _ignored(PurePosixPath(info.filename).parts)
    ]
    candidates: dict[str, bytes | Path] = {}
    budget = MAX_SUBMISSION_BYTES
    for info in members:
        with archive.open(info) as handle:  # sizes are counted as decompressed, never as the archive claims
            candidates[info.filename] = _read_bounded(handle, f"{where}/{info.filename[:80]}")
        budget -= len(candidates[info.filename])
        if budget < 0:
            raise _Refused(f"{where} decompresses to more than {MAX_SUBMISSION_BYTES >> 20} MB of notebooks")
    return candidates


def _from_zip(path: Path, notebook: str) -> Submission:
    student = student_id(path.stem)
    try:
        with zipfile.ZipFile(path) as archive:
            candidates = _zip_candidates(archive, path.name)
    except _Refused as error:
        return Submission(student, path.name, problem=str(error))
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, zlib.error, ValueError) as error:
        return Submission(student, path.name, problem=f"{path.name} is not a readable zip file ({type(error).__name__}); re-create the zip")
    return _choose(student, path.name, candidates, notebook)


def _distinct_ids(entries: list[tuple[str, Submission]]) -> list[Submission]:
    """One row per entry: where names make the same id (case-insensitively, for case-insensitive
    disks), an entry whose name is not exactly its id gets a suffix from its name's hash, and so
    do all of them if several are; no entry can take or blank another's row."""
    groups: dict[str, list[tuple[str, Submission]]] = {}
    for name, submission in entries:
        groups.setdefault(submission.student.lower(), []).append((name, submission))
    result = []
    for group in groups.values():
        exact = [name for name, submission in group if Path(name).stem == submission.student]
        for name, submission in group:
            if len(group) > 1 and not (len(exact) == 1 and name == exact[0]):
                suffix = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:8]
                submission = replace(submission, student=f"{submission.student[:MAX_ID_CHARS - 9]}-{suffix}")
            result.append(submission)
    return sorted(result, key=lambda s: s.student)


@dataclass(frozen=True)
class ClassFolder:
    """A class folder's submissions, one per student, and the resubmissions set aside as
    (superseded file, file kept instead) source names."""

    submissions: list[Submission]
    superseded: list[tuple[str, str]]


def _identified(submission: Submission, identity: Identity | None, receipts: dict[str, str]) -> Submission:
    """The submission under the student its LMS identity names (login, else full name)."""
    if identity is None:
        return submission
    if identity.layout == "blackboard" and identity.login.lower() in receipts:
        identity = replace(identity, name=receipts[identity.login.lower()])
    return replace(submission, student=student_id(identity.login or identity.name), identity=identity)


def _identities(folder: Path, names: list[str]) -> tuple[dict[str, Identity], dict[str, str]]:
    """Each entry's LMS identity (Gradescope's metadata, else the one layout the names follow)
    and Blackboard's receipt names."""
    metadata = read_metadata(folder)
    if metadata is not None:
        return metadata, {}
    layout = class_layout(names)
    if layout is None:
        return {}, {}
    found = {name: identity for name in names if (identity := identify(name, layout)) is not None}
    return found, receipt_names(folder) if layout == "blackboard" else {}


def _class_root(names: list[str]) -> tuple[str, ...]:
    """The top-level entries of an archive, below one wrapping folder if that is all it holds."""
    paths = [PurePosixPath(name).parts for name in names if name and not _ignored(PurePosixPath(name).parts)]
    tops = {parts[0] for parts in paths}
    if len(tops) == 1 and all(len(parts) > 1 for parts in paths):
        return tuple(tops)
    return ()


def _is_class_archive(path: Path) -> bool:
    """A zip that is an LMS's whole bulk download (not one student's work)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()[:MAX_CLASS_ENTRIES + 1]
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, zlib.error, ValueError):
        return False
    prefix = _class_root(names)
    depth = len(prefix)
    tops = sorted({PurePosixPath(n).parts[depth] for n in names if len(PurePosixPath(n).parts) > depth and not _ignored(PurePosixPath(n).parts)})
    return len(tops) > 1 and (METADATA_NAME in tops or class_layout(tops) is not None)


@contextmanager
def _unpacked(path: Path) -> Iterator[Path]:
    """A class archive unpacked within bounds into a temporary folder (gone afterwards)."""
    with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory(prefix="autograder-class-") as root:
        infos = archive.infolist()
        if len(infos) > MAX_CLASS_ENTRIES:
            raise UserError(f"{path.name} holds more than {MAX_CLASS_ENTRIES} entries; unzip it and pass the folder")
        budget = MAX_CLASS_BYTES
        for info in infos:
            problem = _member_problem(info)
            if problem:
                raise UserError(f"{path.name} holds {problem}; it is not a class download to grade as it is")
            if info.is_dir():
                continue
            target = Path(root, *PurePosixPath(info.filename).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, target.open("wb") as sink:
                while chunk := source.read(1 << 20):  # counted as decompressed, never as the archive claims
                    budget -= len(chunk)
                    if budget < 0:
                        raise UserError(f"{path.name} decompresses to more than {MAX_CLASS_BYTES >> 20} MB; unzip what you need and pass the folder")
                    sink.write(chunk)
        yield Path(root, *_class_root([info.filename for info in infos]))


def read_class(folder: Path, notebook: str, keep: str = "latest") -> ClassFolder:
    """Every submission in `folder`, one per student (`keep`: the latest or first of an LMS's
    resubmissions), in name order. Junk files get a row too. An LMS's whole download as one
    .zip is read as its folder; any other single submission file (or .zip) is a class of one."""
    if folder.is_file() and folder.suffix == ".zip" and _is_class_archive(folder):
        with _unpacked(folder) as unpacked:
            return read_class(unpacked, notebook, keep)  # every submission's bytes are read before the folder goes
    if folder.is_file():
        layout = class_layout([folder.name])
        return ClassFolder([_identified(_entry_submission(folder, notebook), identify(folder.name, layout) if layout else None, {})], [])
    if not folder.is_dir():
        raise UserError(f"submissions folder {folder} does not exist; pass the folder holding one file or folder per student")
    listed = [
        entry for entry in sorted(folder.iterdir())
        if not _ignored((entry.name,)) and not is_blackboard_receipt(entry) and entry.name != METADATA_NAME
    ]
    identities, receipts = _identities(folder, [entry.name for entry in listed])
    entries = [(entry.name, _identified(_entry_submission(entry, notebook), identities.get(entry.name), receipts)) for entry in listed]
    kept, superseded = one_per_student(entries, lambda entry: entry[1].identity, lambda entry: entry[0], keep)
    return ClassFolder(_distinct_ids(kept), sorted((old[1].source_name, new[1].source_name) for old, new in superseded))


def discover(folder: Path, notebook: str) -> list[Submission]:
    """The submissions of `read_class`, the latest of each student's."""
    return read_class(folder, notebook).submissions


def _entry_submission(entry: Path, notebook: str) -> Submission:
    """The submission one entry of the class folder holds (or a row saying why it holds none)."""
    if entry.is_symlink():
        return Submission(
            student_id(entry.stem), entry.name,
            problem=f"{entry.name} is a symbolic link; submissions must be the files themselves",
        )
    if entry.is_dir():
        return _from_folder(entry, notebook)
    if entry.suffix == ".zip":
        return _from_zip(entry, notebook)
    if entry.suffix in SUBMISSION_SUFFIXES:
        return _load(student_id(entry.stem), entry.name, entry)
    return Submission(
        student_id(entry.stem), entry.name,
        problem=f"{entry.name}: unsupported file type '{entry.suffix or 'none'}'; submit the .ipynb notebook, a .py export, a folder or a .zip",
    )
