"""The trusted side's view of a submission: remote objects that return only plain data."""

from __future__ import annotations

from typing import Any, Protocol

from autograder.judge.calls import LIBRARY, CallLog, returned_path
from autograder.judge.errors import MissingDefinition, StudentCodeError, SubmissionProblem, WorkerCrashed
from autograder.judge.faults import FaultLedger
from autograder.protocol.codec import Decoder, Encoder, ProtocolError
from autograder.protocol.keras_models import MODEL_TAG, decode_model, encode_model, is_keras_model
from autograder.worker.dispatcher import HANDLE_TAG


class Session(Protocol):
    generation: int
    faults: FaultLedger
    calls: CallLog

    def request(self, body: Any, blobs: list[bytes]) -> tuple[Any, list[bytes]]: ...


class RemoteObject:
    """An object living in the worker. Attribute reads and calls are round trips."""

    recorded_as = ""  # the path it was reached by ("f", "import:numpy.sum", "ret:<call>.fit"), if any (see judge.calls)

    def __init__(self, session: Session, handle: int, type_name: str) -> None:
        self._session, self._handle, self._generation = session, handle, session.generation
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<{self.type_name} object in the submission>"

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _request(self._session, {"op": "getattr", "obj": self._checked_handle(), "attr": name}, self._path_of(name))

    def _path_of(self, attribute: str) -> str:
        return f"{self.recorded_as}.{attribute}" if self.recorded_as else ""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        body = {"op": "call", "obj": self._checked_handle(), "args": list(args), "kwargs": kwargs}
        return _request(self._session, body, self.recorded_as)

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

    def _path_of(self, attribute: str) -> str:
        return attribute

    def fault_ledger(self) -> FaultLedger:
        """The grading session's record of grader-side problems (see `autograder.testing.trying`)."""
        return self._session.faults

    def import_module(self, name: str) -> RemoteObject:
        """A library module inside the worker (numpy, keras, tensorflow, keras_tuner, sklearn.datasets),
        for driving the student's objects there: e.g. compiling a remote model with their optimizer.
        Never compute reference answers with it: references belong on the trusted side."""
        module = _request(self._session, {"op": "import", "obj": 0, "attr": name})
        if isinstance(module, RemoteObject):
            module.recorded_as = f"{LIBRARY}{name}"
        return module

    def fetch_model(self, remote: RemoteObject) -> Any:
        """Rebuild a remote Keras model here from its config and weights (safe mode)."""
        if not isinstance(remote, RemoteObject):
            raise TypeError("fetch_model takes a model returned by the submission")
        model = _request(self._session, {"op": "model", "obj": remote._checked_handle()})
        self._session.calls.fetched((remote._generation, remote._handle), model.to_json())
        return model


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


def _request(session: Session, body: dict, path: str = "") -> Any:
    """One round trip. With a `path` (of the object called, or of the attribute read), the
    answer goes into the session's CallLog, and an object answered gets its path."""
    handle_paths: dict[int, str] = {}  # the submission's objects passed as arguments, by the path they were read by

    def encode_argument(value: Any, encoder: Encoder) -> Any:
        if isinstance(value, RemoteObject) and value.recorded_as:
            handle_paths[value._checked_handle()] = value.recorded_as
        return _encode_argument(value, encoder)

    encoder = Encoder(on_object=encode_argument)
    body = {**body, **{key: encoder.encode(body[key]) for key in ("args", "kwargs") if key in body}}
    question = session.faults.question
    entry = session.calls.entry(question, path, body, encoder.blobs, handle_paths) if path else None
    logged = entry if entry is not None and session.calls.logs(path, handle_paths) else None
    reply, blobs = session.request(body, encoder.blobs)
    if isinstance(reply, dict) and len(reply) == 1:
        if "ok" in reply:
            try:
                value = Decoder(blobs, on_tag=_decode_tag(session)).decode(reply["ok"])
            except ProtocolError as error:
                message = f"your code returned something the grader cannot read ({error})"
                raise _recorded(session, StudentCodeError("UnreadableResult", message, raised_by_student=False)) from None
            if isinstance(value, RemoteObject):  # named by the call that made it; a model counts once fetched
                value.recorded_as = path if body["op"] == "getattr" else returned_path(entry) if entry else ""
                session.calls.returned_object(question, logged, (value._generation, value._handle))
            else:
                session.calls.returned(question, logged, value)
            return value
        if "missing" in reply and body["op"] == "getattr" and body["obj"] == 0:
            raise _recorded(session, MissingDefinition(body["attr"]))  # the name we asked for, never worker text
        if "error" in reply and isinstance(reply["error"], dict):
            error = reply["error"]
            type_name = _text(error.get("type")) or "Exception"
            session.calls.raised(question, logged, type_name)
            raise StudentCodeError(type_name, _text(error.get("message")), _text(error.get("traceback")))
    raise _recorded(session, WorkerCrashed("the worker sent an invalid reply"))
