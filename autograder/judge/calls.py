"""The calls the tests make to the submission (and the attributes they read), kept per question
as sketches of their answers.

Every object the tests reach in the worker has a path: a name of the submission ("adam_step"),
a library module's attribute ("import:keras.layers.Dense"), or what a call returned
("ret:<that call's key>"), then attributes ("ret:<key>.fit"). A call's key digests its path and
its encoded arguments, where the objects passed count by their path and Keras models by their
architecture with Keras's generated names numbered in order of appearance, and temporary
paths by their last component (their folders are random): the same key
whoever answers, the student's worker or a mutant on the trusted side. A call of a submission's
function on plain data is keyed as such (answered twice differently, it is UNSTABLE: a global
random state, say); any other call by how many times that call came before in the question
(objects change between calls), and also over all its counts (UNSTABLE when its answers were
not all alike: two models trained with one seed that predict differently). Calls of the
libraries on plain data are not kept: they are not the student's answers. A call passing an
object with no path has no key.
Each answer is kept as a sketch: enough to tell later which known mistake, if any, the
answers look like (see `autograder.diagnosis`).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from autograder.diagnosis import diagnosis_on
from autograder.diagnosis.sketch import UNSTABLE, Sketch, matches, raised, sketch, stable_text
from autograder.protocol.keras_models import MODEL_TAG
from autograder.worker.dispatcher import HANDLE_TAG

MAX_CALLS_PER_QUESTION = 5000
LIBRARY = "import:"  # the path prefix of library modules' objects
RETURNED = "ret:"  # the path prefix of what a call returned
ANY_COUNT = "*"  # the key suffix of a call taken over all its counts


class _Unkeyable(Exception):
    """The call passes an object of the submission that has no stable name."""


def returned_path(key: str) -> str:
    """The path of an object a call (keyed `key`) returned."""
    return f"{RETURNED}{key}"


def _stable(node: Any, handle_names: dict[int, str]) -> Any:
    """The encoded arguments with handles replaced by paths and models' names canonical."""
    if isinstance(node, list):
        return [_stable(item, handle_names) for item in node]
    if isinstance(node, dict):
        if HANDLE_TAG in node:
            name = handle_names.get(node[HANDLE_TAG])
            if name is None:
                raise _Unkeyable
            return {"$name": name}
        if MODEL_TAG in node:
            config, weights = node[MODEL_TAG]
            return {MODEL_TAG: [_canonical_names(json.loads(config)), weights]}
        return {key: _stable(value, handle_names) for key, value in node.items()}
    return node


def _canonical_names(config: Any) -> Any:
    """A Keras config whose layer and model names ("dense_17": they count up per process) are
    replaced by their order of first appearance, wherever they are referred to."""
    names: dict[str, str] = {}

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("name"), str):
                names.setdefault(node["name"], f"#{len(names)}")
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    def rename(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: rename(value) for key, value in node.items()}
        if isinstance(node, list):
            return [rename(value) for value in node]
        return names.get(node, node) if isinstance(node, str) else node

    collect(config)
    return rename(config)


def call_key(name: str, encoded: dict[str, Any], blobs: list[bytes], handle_names: dict[int, str]) -> str | None:
    """A digest of one call (`encoded`: its encoded args and kwargs), None if it cannot have one."""
    try:
        stable = _stable([encoded.get("args"), encoded.get("kwargs")], handle_names)
    except _Unkeyable:
        return None
    digest = hashlib.sha256(stable_text(json.dumps([name, stable], sort_keys=True)).encode())
    for blob in blobs:
        digest.update(len(blob).to_bytes(8, "little"))
        digest.update(blob)
    return digest.hexdigest()[:32]


def architecture_sketch(config_json: str) -> Sketch:
    """A Keras model by its architecture alone (its weights start random): a digest of its
    config with generated names canonical."""
    canonical = json.dumps(_canonical_names(json.loads(config_json)), sort_keys=True)
    return ["model", hashlib.sha256(canonical.encode()).hexdigest()[:32]]


class CallLog:
    """question -> call key -> sketch of the outcome of that call during the question's tests
    (UNSTABLE when the same call was answered differently twice: a global random state, say).
    A call that returned an object of the submission counts once the test fetches it as a model."""

    def __init__(self) -> None:
        self.by_question: dict[str, dict[str, Sketch]] = {}
        self._objects: dict[tuple[int, int], tuple[str, str | None]] = {}  # (generation, handle) -> its call
        self._seen: dict[tuple[str, str], int] = {}  # (question, key) -> calls so far
        self._on = diagnosis_on()

    def entry(self, question: str, path: str, encoded: dict[str, Any], blobs: list[bytes], handle_paths: dict[int, str]) -> str | None:
        """The key this call is kept under (None: it has none, or diagnosis is off)."""
        key = call_key(path, encoded, blobs, handle_paths) if self._on else None
        if key is None or (not handle_paths and "." not in path and ":" not in path):
            return key  # a submission's function on plain data: the same call, the same answer
        seen = self._seen.get((question, key), 0)
        if len(self._seen) < MAX_CALLS_PER_QUESTION * 4:
            self._seen[(question, key)] = seen + 1
        return f"{key}#{seen}"

    @staticmethod
    def logs(path: str, handle_paths: dict[int, str]) -> bool:
        """Whether a call's answer is kept: not a library's on plain data."""
        return bool(handle_paths) or not path.startswith(LIBRARY)

    def returned(self, question: str, key: str | None, value: Any) -> None:
        self._add(question, key, sketch(value))

    def returned_object(self, question: str, key: str | None, identity: tuple[int, int]) -> None:
        if key is not None and len(self._objects) < MAX_CALLS_PER_QUESTION:
            self._objects[identity] = (question, key)

    def fetched(self, identity: tuple[int, int], config_json: str) -> None:
        """The object `identity` was fetched as a model with this architecture."""
        if identity in self._objects:
            question, key = self._objects.pop(identity)
            self._add(question, key, architecture_sketch(config_json))

    def raised(self, question: str, key: str | None, type_name: str) -> None:
        self._add(question, key, raised(type_name))

    def _add(self, question: str, key: str | None, outcome: Sketch | None) -> None:
        calls = self.by_question.setdefault(question, {})
        if key is None or outcome is None:
            return
        _keep(calls, key, outcome)
        if "#" in key:  # also the call whatever its count: UNSTABLE when its answers were not all alike
            _keep(calls, key.split("#")[0] + ANY_COUNT, outcome)


def _keep(calls: dict[str, Sketch], key: str, outcome: Sketch) -> None:
    if key in calls:
        if not matches(calls[key], outcome):
            calls[key] = UNSTABLE
    elif len(calls) < MAX_CALLS_PER_QUESTION:
        calls[key] = outcome
