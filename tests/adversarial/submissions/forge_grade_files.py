"""Attack: write forged gradebooks and result files (full marks for everyone) into every
directory it can reach: the working directory, $HOME, /tmp, every writable directory
found by walking the file system, and the course repository (found from the location
of the grader's package) next to the toy lab and the hidden tests.

Expected: the sandbox only lets it write into its own private /tmp, which nobody reads;
no forged file appears in the grader's output folder, the repository or the host /tmp.
add returns the right answer only if a write outside /tmp succeeded, so the score is 0
(scale is not implemented).
"""
import json
import os
import sys
from pathlib import Path

MARKER = "ADVERSARIAL-FORGED"
FORGED_CSV = "student,score,max_score,status,add,scale,message\nforge_grade_files,5,5,graded,2,3,\n"
FORGED_JSON = json.dumps({"student": "forge_grade_files", "score": 5, "max_score": 5, "status": "graded", "note": "ADVERSARIAL-FORGED"})
SKIP = ("/proc", "/sys", "/dev", "/usr")  # and the Python installs (read-only, and large)


def _targets():
    directories = {Path.cwd(), Path.home(), Path("/tmp"), Path("/")}
    try:
        import autograder

        root = Path(autograder.__file__).resolve().parents[1]
        directories |= {root, root / "tests", root / "tests" / "adversarial", root / "labs",
                        root / "tests" / "fixtures" / "course" / "labs" / "00_toy",
                        root / "tests" / "fixtures" / "course" / "labs" / "00_toy" / "tests" / "hidden"}
    except Exception:
        pass
    seen = 0
    for top, dirs, _ in os.walk("/"):
        dirs[:] = [d for d in dirs if os.path.join(top, d) not in SKIP + (sys.prefix, sys.base_prefix)]
        seen += 1
        if seen > 3000:
            break
        if os.access(top, os.W_OK):
            directories.add(Path(top))
    return directories


def _forge():
    outside_tmp = []
    for directory in _targets():
        for name, text in ((f"{MARKER}-grades.csv", FORGED_CSV), ("grades.csv", FORGED_CSV),
                           (f"results/{MARKER}.json", FORGED_JSON), ("results/zzz_bystander_last.json", FORGED_JSON)):
            path = directory / name
            try:
                path.parent.mkdir(exist_ok=True)
                path.write_text(text)
            except OSError:
                continue
            if not str(path).startswith("/tmp/"):
                outside_tmp.append(str(path))
    return outside_tmp


def add(a, b):
    return a + b if _forge() else a - b


def scale(x, k):
    raise NotImplementedError
