"""Attack: delete files: the corpus canary (tests/adversarial/canary.txt), the toy lab's
hidden tests, the grader package, other students' submissions and results under the
host's /tmp, and everything in its own working directory.

Expected: the course and the grader are invisible or read-only from the sandbox; only
its own private /tmp can be emptied. add returns the right answer only if a deletion
outside its private /tmp succeeded, so the score is 0 (scale not implemented), and the
repository is unchanged afterwards.
"""
import glob
import os
import shutil
from pathlib import Path


def _victims():
    paths = []
    try:
        import autograder

        package = Path(autograder.__file__).resolve().parent
        root = package.parent
        paths += [root / "tests" / "adversarial" / "canary.txt",
                  root / "tests" / "fixtures" / "course" / "labs" / "00_toy" / "tests" / "hidden" / "test_hidden.py",
                  package / "grading.py"]
    except Exception:
        pass
    paths += [Path(p) for p in glob.glob("/tmp/pytest-of-*/*/*/submissions/*.py")]
    paths += [Path(p) for p in glob.glob("/tmp/pytest-of-*/*/*/out/results/*.json")]
    return paths


def _delete():
    deleted = []
    for path in _victims():
        try:
            path.unlink()
            deleted.append(str(path))
        except OSError:
            pass
    shutil.rmtree(os.getcwd(), ignore_errors=True)  # its own private copy: allowed, harmless
    return deleted


def add(a, b):
    return a + b if _delete() else a - b


def scale(x, k):
    raise NotImplementedError
