"""Build a Gradescope autograder bundle (a zip) for one lab from this very package.

Layout of the zip (Gradescope unzips it to /autograder/source):
  setup.sh, run_autograder     the two scripts Gradescope requires at the root
  gradescope.json              which lab, its version and points
  requirements.txt             the pinned stack (the same file the course and the images use)
  autograder/                  this package
  labs/<lab>/                  the lab: lab.toml, notebook, public and hidden tests (never solutions/),
                               and diagnosis.json, its classic mistakes' profiles (built from the solutions here)

The bundle holds hidden tests: it is for instructors to upload, never to hand out.
Entries are sorted and time-stamped 1980-01-01, so the same sources give the same bytes.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from autograder.atomic_write import replacing
from autograder.diagnosis.profiles import BUNDLED_PROFILES, profiles_path
from autograder.errors import UserError
from autograder.gradescope.run import METADATA_FILE
from autograder.gradescope.scripts import RUN_AUTOGRADER, SETUP_SH
from autograder.lab import Lab

PACKAGE_DIR = Path(__file__).resolve().parents[1]
REQUIREMENTS = PACKAGE_DIR.parent / "requirements.txt"
_SKIPPED_PARTS = {"__pycache__", ".pytest_cache", ".ipynb_checkpoints", ".mypy_cache"}
_SKIPPED_SUFFIXES = (".pyc", ".pyo", ".partial")
_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class BundleSummary:
    path: Path
    lab: Lab
    files: int
    bytes: int


def _files_under(folder: Path) -> list[Path]:
    return sorted(
        path for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
        and not any(part in _SKIPPED_PARTS or part.startswith(".") for part in path.relative_to(folder).parts)
        and not path.name.endswith(_SKIPPED_SUFFIXES)
    )


def _add(archive: zipfile.ZipFile, name: str, data: bytes, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (0o100755 if executable else 0o100644) << 16
    archive.writestr(info, data)


def bundle_entries(
    lab: Lab, requirements: Path = REQUIREMENTS, package_dir: Path = PACKAGE_DIR, allow_unsandboxed: bool = False,
) -> dict[str, bytes]:
    """Every file of the bundle, by its path inside the zip. `allow_unsandboxed` (the
    instructor's explicit choice) lets run_autograder grade where no sandbox can start."""
    if not requirements.is_file():
        raise UserError(f"{requirements} is missing; the bundle installs the pinned requirements from it")
    metadata = {
        "lab": lab.id, "lab_folder": lab.path.name, "lab_version": lab.version,
        "title": lab.title, "max_score": lab.max_score, "allow_unsandboxed": allow_unsandboxed,
    }
    entries: dict[str, bytes] = {
        "setup.sh": SETUP_SH.encode(),
        "run_autograder": RUN_AUTOGRADER.encode(),
        METADATA_FILE: (json.dumps(metadata, indent=2) + "\n").encode(),
        "requirements.txt": requirements.read_bytes(),
    }
    for path in _files_under(package_dir):
        entries[f"autograder/{path.relative_to(package_dir).as_posix()}"] = path.read_bytes()
    for path in _files_under(lab.path):
        entries[f"labs/{lab.path.name}/{path.relative_to(lab.path).as_posix()}"] = path.read_bytes()
    profiles = profiles_path(lab)
    if profiles is not None:
        entries[f"labs/{lab.path.name}/{BUNDLED_PROFILES}"] = profiles.read_bytes()
    return entries


def build_bundle(lab: Lab, out: Path, requirements: Path = REQUIREMENTS, allow_unsandboxed: bool = False) -> BundleSummary:
    """Write the bundle to `out` (a .zip), atomically."""
    if out.suffix != ".zip":
        raise UserError(f"--out {out} must name a .zip file (Gradescope takes the autograder as a zip)")
    if out.is_dir():
        raise UserError(f"--out {out} is a folder; name the .zip file to write")
    entries = bundle_entries(lab, requirements, allow_unsandboxed=allow_unsandboxed)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with replacing(out) as partial, zipfile.ZipFile(partial, "w") as archive:
            for name in sorted(entries):
                _add(archive, name, entries[name], executable=name in ("setup.sh", "run_autograder"))
    except OSError as error:
        raise UserError(f"cannot write {out}: {error.strerror or error}; choose another --out") from None
    return BundleSummary(out, lab, len(entries), out.stat().st_size)
