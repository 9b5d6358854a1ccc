"""The student release: labs without solutions or hidden tests, and a scan that proves it."""

from __future__ import annotations

import shutil
from pathlib import Path

from autograder.errors import UserError
from autograder.lab import Lab, all_labs
from autograder.notebooks.generate import is_stale, solution_source
from autograder.notebooks.skeleton import solution_lines, strip_solutions

MIN_FINGERPRINT_CHARS = 16
_SHIPPED_TOP_LEVEL = ("autograder", "requirements.txt", "pyproject.toml")
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")

STUDENT_README = """# Lab release

Set up once: `python3.11 -m venv .venv && .venv/bin/pip install -r requirements.txt && .venv/bin/pip install -e .`

Open a lab notebook under `labs/` in Jupyter, fill in the functions, and run the `check("...")`
cells. From a terminal: `python -m autograder check LAB [NOTEBOOK]` runs every public test.
Your submission is graded on more (hidden) tests than the public ones.
"""


def _significant(line: str) -> str | None:
    text = line.strip()
    if len(text) < MIN_FINGERPRINT_CHARS or text.startswith(("#", "import ", "from ", "@question")):
        return None
    return text


def _lines_of(paths: list[Path]) -> set[str]:
    return {text for path in paths for line in path.read_text().splitlines() if (text := _significant(line))}


def _secret_lines(lab: Lab) -> set[str]:
    source = solution_source(lab).read_text()
    solution = {text for line in solution_lines(source) if (text := _significant(line))}
    solution -= {text for line in strip_solutions(source).splitlines() if (text := _significant(line))}
    return solution | _lines_of(sorted(lab.hidden_tests.rglob("*.py")))


def _public_lines(lab: Lab) -> set[str]:
    return _lines_of(sorted(lab.public_tests.rglob("*.py"))) | _lines_of([lab.notebook_path])


def leak_fingerprints(labs: list[Lab]) -> set[str]:
    """Lines of solution regions and hidden tests that no lab's public material contains.

    A line that students see anyway (`with tf.GradientTape() as tape:` in another lab's
    public tests, say) gives nothing away.
    """
    secrets = set().union(*(_secret_lines(lab) for lab in labs)) if labs else set()
    public = set().union(*(_public_lines(lab) for lab in labs)) if labs else set()
    return secrets - public


def find_leaks(release_dir: Path, labs: list[Lab]) -> list[str]:
    """Every file in the release that holds a solution or hidden-test line, or a hidden path."""
    fingerprints = leak_fingerprints(labs)
    leaks = []
    for path in sorted(p for p in release_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(release_dir)
        if "hidden" in relative.parts or "solutions" in relative.parts or "mutants" in relative.parts:
            leaks.append(f"{relative}: hidden or solution file shipped")
            continue
        try:
            lines = {line.strip() for line in path.read_text().splitlines()}
        except UnicodeDecodeError:
            continue
        found = sorted(lines & fingerprints)
        if found:
            leaks.append(f"{relative}: contains {found[0]!r}")
    return leaks


def build_release(root: Path, out: Path) -> list[Lab]:
    """Copy what students get to `out`; refuse (and remove it) if anything would leak."""
    if out.exists() and any(out.iterdir()):
        raise UserError(f"{out} is not empty; choose a new folder for the release")
    labs = all_labs(root)
    stale = [lab.id for lab in labs if is_stale(lab)]
    if stale:
        raise UserError(f"student notebooks are out of date for {', '.join(stale)}; run: python -m autograder generate")
    out.mkdir(parents=True, exist_ok=True)
    for name in _SHIPPED_TOP_LEVEL:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, out / name, ignore=_IGNORE)
        elif source.is_file():
            shutil.copy2(source, out / name)
    for lab in labs:
        target = out / "labs" / lab.path.name
        (target / "tests").mkdir(parents=True)
        shutil.copy2(lab.path / "lab.toml", target / "lab.toml")
        shutil.copy2(lab.notebook_path, target / lab.notebook)
        shutil.copytree(lab.public_tests, target / "tests" / "public", ignore=_IGNORE)
    (out / "README.md").write_text(STUDENT_README)
    leaks = find_leaks(out, labs)
    if leaks:
        shutil.rmtree(out)
        raise UserError(f"release refused, it would leak: {leaks[0]} (and {len(leaks) - 1} more)")
    return labs
