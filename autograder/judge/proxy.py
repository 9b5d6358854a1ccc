"""The trusted side's view of a submission: remote objects that return only plain data."""

from __future__ import annotations

from typing import Any, Protocol

from autograder.judge.errors import MissingDefinition, StudentCodeError, SubmissionProblem, WorkerCrashed
from autograder.judge.faults import FaultLedger
from autograder.protocol.codec import Decoder, Encoder, ProtocolError
from autograder.protocol.keras_models import MODEL_TAG, decode_model, encode_model, is_keras_model
from autograder.worker.dispatcher import HANDLE_TAG


class Session(Protocol):
    generation: int
    faults: FaultLedger

    def request(self, body: Any, blobs: list[bytes]) -> tuple[Any, list[bytes]]: ...


class RemoteObject:
    """An object living in the worker. Attribute reads and calls are round trips."""

    def __init__(self, session: Session, handle: int, type_name: str) -> None:
        self._session, self._handle, self._generation = session, handle, session.generation
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<{self.type_name} object in the submission>"

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _request(self._session, {"op": "getattr", "obj": self._checked_handle(), "attr": name})

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return _request(self._session, {"op": "call", "obj": self._checked_handle(), "args": list(args), "kwargs": kwargs})

    def _checked_handle(self) -> int:
        if self._generation != self._session.generation:
            raise _recorded(self._session, WorkerCrashed("this object was lost when an earlier failure restarted your code"))
        return self._handle


class Submission(RemoteObject):
    """The student's module. `submission.name(...)` calls the student's `name`."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, 0, "module")

    def __repr__(self) -> str:
        return "<the student's submission>"

    def _checked_handle(self) -> int:
        return 0

    def fault_ledger(self) -> FaultLedger:
        """The grading session's record of grader-side problems (see `autograder.testing.trying`)."""
        return self._session.faults

    def import_module(self, name: str) -> RemoteObject:
        """A library module inside the worker (numpy, keras, tensorflow, keras_tuner, sklearn.datasets),
        for driving the student's objects there: e.g. compiling a remote model with their optimizer.
        Never compute reference answers with it: references belong on the trusted side."""
        return _request(self._session, {"op": "import", "obj": 0, "attr": name})

    def fetch_model(self, remote: RemoteObject) -> Any:
        """Rebuild a remote Keras model here from its config and weights (safe mode)."""
        if not isinstance(remote, RemoteObject):
            raise TypeError("fetch_model takes a model returned by the submission")
        return _request(self._session, {"op": "model", "obj": remote._checked_handle()})


def _encode_argument(value: Any, encoder: Encoder) -> Any:
    if isinstance(value, RemoteObject):
        return {HANDLE_TAG: value._checked_handle()}
    if is_keras_model(value):
        return encode_model(value, encoder)
    raise TypeError(f"tests can pass plain data, Keras models or the submission's objects, not {type(value).__name__}")


def _decode_tag(session: Session) -> Any:
    def decode(tag: str, payload: Any, decoder: Decoder) -> Any:
        if tag == HANDLE_TAG:
            if not (isinstance(payload, list) and len(payload) == 2 and type(payload[0]) is int and isinstance(payload[1], str)):
                raise ProtocolError("bad handle")
            return RemoteObject(session, payload[0], payload[1][:100])
        if tag == MODEL_TAG:
            return decode_model(payload, decoder)
        raise ProtocolError("unknown tag")

    return decode


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _recorded(session: Session, problem: SubmissionProblem) -> SubmissionProblem:
    """`problem`, after noting it in the session's fault ledger (for the running test)."""
    session.faults.record(problem)
    return problem


def _request(session: Session, body: dict) -> Any:
    encoder = Encoder(on_object=_encode_argument)
    body = {**body, **{key: encoder.encode(body[key]) for key in ("args", "kwargs") if key in body}}
    reply, blobs = session.request(body, encoder.blobs)
    if isinstance(reply, dict) and len(reply) == 1:
        if "ok" in reply:
            try:
                return Decoder(blobs, on_tag=_decode_tag(session)).decode(reply["ok"])
            except ProtocolError as error:
                message = f"your code returned something the grader cannot read ({error})"
                raise _recorded(session, StudentCodeError("UnreadableResult", message, raised_by_student=False)) from None
        if "missing" in reply and body["op"] == "getattr" and body["obj"] == 0:
            raise _recorded(session, MissingDefinition(body["attr"]))  # the name we asked for, never worker text
        if "error" in reply and isinstance(reply["error"], dict):
            error = reply["error"]
            raise StudentCodeError(_text(error.get("type")) or "Exception", _text(error.get("message")), _text(error.get("traceback")))
    raise _recorded(session, WorkerCrashed("the worker sent an invalid reply"))
