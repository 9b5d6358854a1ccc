"""What the bundle's `run_autograder` runs inside Gradescope: `python -m autograder.gradescope.run`.

Gradescope lays out (root `/autograder`, override with AUTOGRADER_GRADESCOPE_ROOT):
  source/       the unzipped bundle: this package, labs/<one lab>/ (hidden tests included), gradescope.json
  submission/   the student's upload (.ipynb or .py, possibly in sub-folders)
  results/      where results.json must be written

The submission is graded with the library (`grade_submission`) in the sandbox. Where this
container cannot start it, grading is refused with a results.json that says so, unless the
instructor built the bundle with `--allow-unsandboxed` (then trusted mode, said in the log).
A results.json is always written, even when grading fails.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograder.atomic_write import write_text_atomically

ROOT_VARIABLE = "AUTOGRADER_GRADESCOPE_ROOT"
DEFAULT_ROOT = "/autograder"
METADATA_FILE = "gradescope.json"


@dataclass(frozen=True)
class GradescopePaths:
    root: Path

    @classmethod
    def from_environment(cls) -> "GradescopePaths":
        return cls(Path(os.environ.get(ROOT_VARIABLE) or DEFAULT_ROOT))

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def submission(self) -> Path:
        return self.root / "submission"

    @property
    def submission_metadata(self) -> Path:
        return self.root / "submission_metadata.json"

    @property
    def results_file(self) -> Path:
        return self.root / "results" / "results.json"


def log(message: str) -> None:
    """Goes to Gradescope's stdout capture (instructors only: stdout_visibility is hidden)."""
    print(f"[autograder] {message}", flush=True)


class SandboxRefused(Exception):
    """No sandbox can start here and the bundle does not allow grading without one."""


def bundle_metadata(source: Path) -> dict[str, Any]:
    return json.loads((source / METADATA_FILE).read_text())


def bundled_lab(source: Path, metadata: dict[str, Any]):
    """The one lab this bundle grades, named in gradescope.json."""
    from autograder.lab import load_lab

    return load_lab(source / "labs" / metadata["lab_folder"])


def student_name(paths: GradescopePaths) -> str:
    """The submitter's email (or name) from Gradescope's submission metadata, if there is one."""
    from autograder.submissions import student_id

    try:
        users = json.loads(paths.submission_metadata.read_text()).get("users") or []
        user = users[0] if users and isinstance(users[0], dict) else {}
        return student_id(str(user.get("email") or user.get("name") or "submission"))
    except (OSError, ValueError, AttributeError):
        return "submission"


def find_submission(folder: Path, notebook: str, student: str = "submission"):
    """The file to grade in Gradescope's submission folder, chosen as `grade` chooses within a student's folder."""
    from dataclasses import replace

    from autograder.submissions import SUBMISSION_SUFFIXES, Submission, _from_folder, _from_zip

    if not folder.is_dir():
        return Submission(student, folder.name, problem=f"no submission found ({folder} is missing); upload your {notebook}")
    files = [p for p in folder.rglob("*") if p.is_file()]
    zips = [p for p in files if p.suffix == ".zip"]
    if not any(p.suffix in SUBMISSION_SUFFIXES for p in files) and len(zips) == 1:
        submission = _from_zip(zips[0], notebook)
    else:
        submission = _from_folder(folder, notebook)
    return replace(submission, student=student)


def grading_backend(lab, allow_unsandboxed: bool = False):
    """Sandboxed workers; where this container cannot start them, trusted mode only if the
    instructor allowed it, else SandboxRefused."""
    from autograder.sandbox.backend import sandbox_problem
    from autograder.sandbox.choose import choose_backend

    problem = sandbox_problem()
    if problem and not allow_unsandboxed:
        log(f"sandbox unavailable ({problem}); refusing to grade unsandboxed (bundle built without --allow-unsandboxed)")
        raise SandboxRefused(
            f"this container cannot sandbox student code ({problem}), and the autograder refuses to run it "
            "unsandboxed; the instructor can allow that by rebuilding the bundle with --allow-unsandboxed"
        )
    if problem:
        log(f"sandbox unavailable ({problem}); grading in trusted mode as the bundle allows (--allow-unsandboxed): "
            "student code runs unsandboxed, still in its own worker process with time limits")
    else:
        log("grading with sandboxed workers")
    # one submission per container: a warm zygote would not pay for itself
    return choose_backend(lab, sandbox=problem is None, warm=False)


def grade(paths: GradescopePaths) -> dict[str, Any]:
    from autograder.gradescope.results import gradescope_results
    from autograder.grading import grade_submission

    import autograder

    started = time.monotonic()
    log(f"autograder package: {Path(autograder.__file__).resolve().parent}")
    metadata = bundle_metadata(paths.source)
    lab = bundled_lab(paths.source, metadata)
    log(f"lab {lab.id} version {lab.version}, {lab.max_score:g} points")
    submission = find_submission(paths.submission, lab.notebook, student_name(paths))
    log(f"submission: {submission.source_name}" + (f" (problem: {submission.problem})" if submission.problem else ""))
    backend = grading_backend(lab, bool(metadata.get("allow_unsandboxed", False)))
    try:
        result = grade_submission(lab, submission, backend)
    finally:
        backend.close()
    log(f"graded: {result.score:g} / {result.max_score:g}, status {result.status} in {result.duration_s:.1f} s")
    return gradescope_results(result, time.monotonic() - started)


def write_results(path: Path, data: dict[str, Any]) -> None:
    write_text_atomically(path, json.dumps(data, indent=2) + "\n")


def main() -> int:
    from autograder.gradescope.results import failure_results

    started = time.monotonic()
    paths = GradescopePaths.from_environment()
    os.environ.setdefault("AUTOGRADER_COURSE_ROOT", str(paths.source))
    try:
        data = grade(paths)
    except SandboxRefused as refused:
        data = failure_results(str(refused), time.monotonic() - started)
    except Exception as error:  # noqa: BLE001 - Gradescope must always get a results.json
        traceback.print_exc(file=sys.stdout)
        data = failure_results(f"{type(error).__name__}", time.monotonic() - started)
    write_results(paths.results_file, data)
    log(f"wrote {paths.results_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
