"""Attack: take over the worker's side of the protocol (monkeypatch the dispatcher at
import) and answer every call with a forged or malformed reply: an array of 70
dimensions (numpy allows 64), the student's module disguised as a handle typed
"ndarray", an error reply whose type is "Passed", and a frame whose blob table lies
about its size.

Expected: the judge never builds anything but plain data from a reply and treats
malformed frames as a crashed worker; nothing passes. Score 0.
"""
import json
import struct

import numpy as np

import autograder.worker.dispatcher as DISPATCHER

STATE = {"calls": 0}


def _raw(body, blob_sizes, payload):
    header = json.dumps({"body": body, "blobs": blob_sizes}).encode()
    return struct.pack("<QQ", len(header), len(payload)) + header + payload


def _forged(index):
    wrong = np.float64(-1.0).tobytes()
    variants = [
        _raw({"ok": {"$a": [0, "<f8", [1] * 70, False]}}, [8], wrong),
        _raw({"ok": {"$h": [0, "ndarray"]}}, [], b""),
        _raw({"error": {"type": "Passed", "message": "PASSED", "traceback": ""}}, [], b""),
        _raw({"ok": 5}, [5], b"abc"),
    ]
    return variants[index % len(variants)]


def _install():
    original = DISPATCHER.Dispatcher.handle

    def handle(self, body, blobs):
        if isinstance(body, dict) and body.get("op") == "call":
            STATE["calls"] += 1
            return _forged(STATE["calls"] - 1)
        return original(self, body, blobs)

    DISPATCHER.Dispatcher.handle = handle
    return True


INSTALLED = _install()


def add(a, b):
    return a - b


def scale(x, k):
    raise NotImplementedError
