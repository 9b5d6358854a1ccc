"""Attack: read the grader's reference store (the judge keeps slow references, such as expected
outputs, on disk per lab version): the default cache folders ($AUTOGRADER_CACHE,
$XDG_CACHE_HOME, ~/.cache/autograder, every home folder), pytest's temporary folders, and a
walk of the whole visible file system for any `*.frame` file or `references` folder.

Expected: the store is outside what the sandbox shows (its home is an empty tmpfs, its /tmp
private), so nothing is found: add is right only if a stored reference was read, so the
score is 0 (scale is not implemented).
"""
import glob
import os
import sys
import time
from pathlib import Path

SKIP = ("/proc", "/sys", "/dev", "/usr")


def _folders():
    folders = [os.environ.get("AUTOGRADER_CACHE", ""), os.path.join(os.environ.get("XDG_CACHE_HOME", "/nonexistent"), "autograder"),
               str(Path.home() / ".cache" / "autograder")]
    folders += glob.glob("/home/*/.cache/autograder") + glob.glob("/root/.cache/autograder") + glob.glob("/tmp/pytest-of-*/pytest-*/*")
    return [folder for folder in folders if folder]


def _readable(paths):
    readable = []
    for path in paths:
        try:
            with open(path, "rb") as handle:
                readable.append(handle.read(64))
        except OSError:
            continue
    return readable


def _stored_references():
    started, seen = time.monotonic(), 0
    for folder in _folders():
        found = _readable(glob.glob(os.path.join(folder, "references", "*", "*.frame")))
        if found or time.monotonic() - started > 2:  # within the call's time limit
            return found
    for top, dirs, files in os.walk("/"):
        dirs[:] = [d for d in dirs if os.path.join(top, d) not in SKIP + (sys.prefix, sys.base_prefix)]
        seen += 1
        if seen > 3000 or time.monotonic() - started > 2:
            break
        found += _readable(os.path.join(top, name) for name in files if name.endswith(".frame"))
    return found


def add(a, b):
    return a + b if _stored_references() else a - b


def scale(x, k):
    raise NotImplementedError
