"""The worker's request handler: the only code that touches the student's objects.

Requests name objects by handle (0 is the student's module). Results go back as plain
data; any other object is kept in a table here and sent as a handle instead.
"""

from __future__ import annotations

import importlib
import time
import traceback
from pathlib import Path
from typing import Any

import numpy as np

from autograder.protocol.busy import with_busy
from autograder.protocol.codec import Decoder, Encoder, ProtocolError
from autograder.protocol.framing import pack
from autograder.protocol.keras_models import MODEL_TAG, decode_model, encode_model, is_keras_model

HANDLE_TAG = "$h"
IMPORTABLE = frozenset({"numpy", "keras", "tensorflow", "keras_tuner", "sklearn.datasets"})
MAX_MESSAGE_CHARS = 2000


def _is_tensor(value: Any) -> bool:
    module = type(value).__module__
    return module.startswith(("tensorflow", "keras")) and all(
        hasattr(value, name) for name in ("numpy", "shape", "dtype")
    )


_PACKAGE_DIR = str(Path(__file__).resolve().parents[1])


def describe_exception(error: BaseException) -> dict:
    """Type, message and the traceback without the grader's own frames, bounded in size."""
    try:
        message = str(error)
    except BaseException:  # a hostile __str__ must not break reporting
        message = "<unprintable exception>"
    frames = traceback.extract_tb(error.__traceback__)
    frames = [frame for frame in frames if not frame.filename.startswith(_PACKAGE_DIR)]
    lines = "".join(traceback.format_list(frames[-5:]))
    return {
        "type": type(error).__name__,
        "message": message[:MAX_MESSAGE_CHARS],
        "traceback": lines[-4 * MAX_MESSAGE_CHARS :],
    }


class Dispatcher:
    """Executes getattr/call/model requests against the student's module."""

    def __init__(self, module: Any) -> None:
        self._objects: dict[int, Any] = {0: module}

    def _handle_for(self, value: Any, encoder: Encoder) -> Any:
        if isinstance(value, _ModelExport):
            return encode_model(value.model, encoder)
        if _is_tensor(value):
            return encoder.encode(np.asarray(value.numpy()))
        handle = len(self._objects)
        self._objects[handle] = value
        return {HANDLE_TAG: [handle, type(value).__name__]}

    def _resolve(self, tag: str, payload: Any, decoder: Decoder) -> Any:
        if tag == HANDLE_TAG:
            if type(payload) is not int or payload not in self._objects:
                raise ProtocolError("unknown handle")
            return self._objects[payload]
        if tag == MODEL_TAG:
            return decode_model(payload, decoder)
        raise ProtocolError(f"unknown tag {tag!r}")

    def handle(self, body: Any, blobs: list[bytes]) -> bytes:
        """Serve one request and return the reply frame, with the seconds it took here;
        student exceptions become error replies."""
        started = time.perf_counter()
        try:
            reply, reply_blobs = self._reply(body, blobs)
            return pack(with_busy(reply, time.perf_counter() - started), reply_blobs)
        except BaseException as error:  # a result that cannot be sent: object arrays, ints too long for JSON
            unsendable = _error_reply("UnsendableResult", f"the grader cannot receive this value: {error}")
            return pack(with_busy(unsendable, time.perf_counter() - started), [])

    def _reply(self, body: Any, blobs: list[bytes]) -> tuple[dict, list[bytes]]:
        try:
            result = self._execute(body, Decoder(blobs, on_tag=self._resolve))
        except MissingName as missing:
            return {"missing": str(missing)}, []
        except ProtocolError as error:
            return _error_reply("ProtocolError", str(error)), []
        except BaseException as error:  # SystemExit and friends are the student's errors too
            return {"error": describe_exception(error)}, []
        encoder = Encoder(on_object=self._handle_for)
        return {"ok": encoder.encode(result)}, encoder.blobs

    def _execute(self, body: Any, decoder: Decoder) -> Any:
        if not isinstance(body, dict) or "op" not in body:
            raise ProtocolError("bad request")
        target = self._objects.get(body.get("obj"))
        if target is None:
            raise ProtocolError("unknown object")
        op = body["op"]
        if op == "getattr":
            name = body.get("attr")
            if not isinstance(name, str):
                raise ProtocolError("bad attribute name")
            if body["obj"] == 0 and not hasattr(target, name):
                raise MissingName(name)
            return getattr(target, name)
        if op == "call":
            args = decoder.decode(body.get("args", []))
            kwargs = decoder.decode(body.get("kwargs", {"$d": []}))
            if not isinstance(args, list) or not isinstance(kwargs, dict):
                raise ProtocolError("bad call arguments")
            return target(*args, **kwargs)
        if op == "import":
            if body.get("attr") not in IMPORTABLE:
                raise ProtocolError(f"tests may import only {sorted(IMPORTABLE)} in the worker")
            return importlib.import_module(body["attr"])
        if op == "model":
            if not is_keras_model(target):
                raise TypeError(f"expected a Keras model, got {type(target).__name__}")
            return _ModelExport(target)
        raise ProtocolError(f"unknown op {op!r}")


def _error_reply(type_name: str, message: str) -> dict:
    return {"error": {"type": type_name, "message": message[:MAX_MESSAGE_CHARS], "traceback": ""}}


class MissingName(Exception):
    """The student's module does not define a requested name."""


class _ModelExport:
    """Marks a model to be sent as config + weights rather than as a handle."""

    def __init__(self, model: Any) -> None:
        self.model = model
