"""The trusted side's proxy over an in-process session: only plain data comes back."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.judge.errors import MissingDefinition, StudentCodeError, WorkerCrashed
from autograder.judge.proxy import RemoteObject, Submission
from autograder.protocol.framing import unpack
from autograder.worker.dispatcher import Dispatcher
from autograder.judge.calls import CallLog
from autograder.judge.faults import FaultLedger
from autograder.worker.local import LocalSession


class Counter:
    def __init__(self, start):
        self.value = start
        self.history = [start]

    def bump(self, by=1):
        self.value += by
        self.history.append(self.value)
        return self.value

    def child(self):
        return Counter(self.value * 10)


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__


class LyingArray:
    """Claims to be the expected array whatever it is compared with."""

    def __array__(self, dtype=None, copy=None):
        return np.arange(6.0).reshape(2, 3) * -1.5

    def __eq__(self, other):
        return True

    def __len__(self):
        return 6

    def __float__(self):
        return 7.0


class EqualArray(np.ndarray):
    def __eq__(self, other):
        return np.ones(self.shape, dtype=bool)


class EqualStr(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


class HostileError(Exception):
    def __str__(self):
        raise RuntimeError("no message for you")


def _namespace():
    def add(a, b):
        return a + b

    def scale(x, k):
        x = np.asarray(x)
        result = x * k
        x *= 0  # tries to modify the caller's array
        return result

    def everything():
        return {"none": None, "b": True, "i": 2**70, "f": 1.5, "s": "x", "by": b"\x00", "t": (1, 2),
                "set": {3}, 4: [np.arange(3, dtype=np.int32)], "nan": float("nan")}

    def todo():
        raise NotImplementedError("Replace this line with your code.")

    def broken(x):
        return {"k": [1, 2]}["k"][x]

    def call_twice(f, x):
        return f(f(x))

    def kinds(*args, **kwargs):
        return [type(a).__name__ for a in args], sorted(kwargs)

    def big_message():
        raise ValueError("m" * 10_000)

    def exits():
        raise SystemExit(3)

    def hostile():
        raise HostileError()

    return {
        "np": np, "add": add, "scale": scale, "everything": everything, "todo": todo, "broken": broken,
        "call_twice": call_twice, "kinds": kinds, "big_message": big_message, "exits": exits, "hostile": hostile,
        "Counter": Counter, "LIMIT": 10, "make_counter": lambda: Counter(5),
        "always_equal": lambda: AlwaysEqual(), "lying_array": lambda: LyingArray(),
        "equal_array": lambda: np.zeros(3).view(EqualArray), "equal_str": lambda: EqualStr("nope"),
        "object_array": lambda: np.array([1, None], dtype=object),
        "mixed": lambda: [1, AlwaysEqual(), {"k": LyingArray()}],
        "_private": lambda: "private",
    }


@pytest.fixture
def submission():
    return Submission(LocalSession(_namespace()))


def test_calls_return_plain_data(submission):
    assert submission.add(2, 3) == 5
    assert submission.add("a", "b") == "ab"
    assert submission.add([1], [2]) == [1, 2]
    assert submission.LIMIT == 10
    got = submission.scale(np.ones((2, 3)), 2.0)
    assert type(got) is np.ndarray and got.shape == (2, 3)
    np.testing.assert_array_equal(got, np.full((2, 3), 2.0))


def test_all_plain_types_cross(submission):
    got = submission.everything()
    assert got["none"] is None and got["b"] is True and got["i"] == 2**70 and got["s"] == "x"
    assert got["by"] == b"\x00" and got["t"] == (1, 2) and got["set"] == {3}
    assert got[4][0].dtype == np.int32 and got[4][0].tolist() == [0, 1, 2]
    assert got["nan"] != got["nan"]


def test_arguments_are_copies(submission):
    x = np.arange(4.0)
    submission.scale(x, 3.0)
    np.testing.assert_array_equal(x, np.arange(4.0))


def test_kwargs_and_argument_types(submission):
    assert submission.kinds(1, 2.0, "s", b"b", (1,), [1], {1: 2}, {1}, np.zeros(1), None, flag=True, other=1) == (
        ["int", "float", "str", "bytes", "tuple", "list", "dict", "set", "ndarray", "NoneType"], ["flag", "other"],
    )
    assert submission.add(a=1, b=2) == 3


def test_non_plain_results_are_remote_handles(submission):
    counter = submission.make_counter()
    assert isinstance(counter, RemoteObject)
    assert counter.type_name == "Counter"
    assert repr(counter) == "<Counter object in the submission>"
    assert counter.value == 5
    assert counter.bump() == 6
    assert counter.bump(by=4) == 10
    assert counter.value == 10 and counter.history == [5, 6, 10]
    child = counter.child()
    assert isinstance(child, RemoteObject) and child.value == 100


def test_classes_are_handles_and_can_be_instantiated(submission):
    cls = submission.Counter
    assert isinstance(cls, RemoteObject) and cls.type_name == "type"
    obj = cls(3)
    assert obj.bump(2) == 5


def test_handles_inside_plain_containers(submission):
    got = submission.mixed()
    assert got[0] == 1
    assert isinstance(got[1], RemoteObject) and isinstance(got[2]["k"], RemoteObject)


def test_passing_a_submission_function_as_argument(submission):
    # broken(broken(0)) == broken(1) == 2: the worker received the real function.
    assert submission.call_twice(submission.broken, 0) == 2
    assert submission.kinds(submission.add) == (["function"], [])


def test_passing_remote_objects_as_arguments(submission):
    counter = submission.make_counter()
    # bump(bump(1)): 5 + 1 = 6, then 6 + 6 = 12, all on the worker's one Counter.
    assert submission.call_twice(counter.bump, 1) == 12
    assert counter.history == [5, 6, 12]
    assert submission.kinds(counter.bump, counter) == (["method", "Counter"], [])


def test_plain_python_functions_cannot_be_passed(submission):
    with pytest.raises(TypeError, match="not function"):
        submission.call_twice(lambda v: v, 1)
    with pytest.raises(TypeError):
        submission.add(Counter(1), 1)
    with pytest.raises(TypeError):
        submission.kinds(x=[object()])


def test_student_exceptions_become_student_code_errors(submission):
    with pytest.raises(StudentCodeError) as caught:
        submission.broken(5)
    error = caught.value
    assert error.category == "error" and error.type_name == "IndexError"
    assert "your code raised IndexError" in str(error)
    assert "broken" in error.student_traceback
    assert "dispatcher.py" not in error.student_traceback  # the grader's own frames are cut


def test_not_implemented_category(submission):
    with pytest.raises(StudentCodeError) as caught:
        submission.todo()
    assert caught.value.category == "not-implemented"
    assert "not implemented yet" in str(caught.value)


def test_system_exit_is_a_student_error(submission):
    with pytest.raises(StudentCodeError) as caught:
        submission.exits()
    assert caught.value.type_name == "SystemExit"


def test_hostile_exception_str_is_contained(submission):
    with pytest.raises(StudentCodeError) as caught:
        submission.hostile()
    assert caught.value.type_name == "HostileError"
    assert caught.value.student_message == "<unprintable exception>"


def test_long_messages_are_bounded(submission):
    with pytest.raises(StudentCodeError) as caught:
        submission.big_message()
    assert len(caught.value.student_message) == 2000


def test_missing_name_is_missing_definition(submission):
    with pytest.raises(MissingDefinition) as caught:
        submission.train_model(1)
    assert caught.value.category == "missing" and caught.value.name == "train_model"
    assert "`train_model` is not defined" in str(caught.value)


def test_missing_attribute_of_an_object_is_a_student_error(submission):
    with pytest.raises(StudentCodeError) as caught:
        submission.make_counter().nope
    assert caught.value.type_name == "AttributeError"


def test_private_names_are_reachable_but_dunders_are_not(submission):
    assert submission._private() == "private"
    with pytest.raises(AttributeError):
        submission.__wrapped__
    counter = submission.make_counter()
    with pytest.raises(AttributeError):
        getattr(counter, "__array__")


def test_unsendable_result_is_a_student_error(submission):
    with pytest.raises(StudentCodeError) as caught:
        submission.object_array()
    assert caught.value.type_name == "UnsendableResult"


def test_always_equal_object_cannot_pass_equality(submission):
    got = submission.always_equal()
    assert isinstance(got, RemoteObject)
    assert not (got == 5)
    assert got != 5


@pytest.mark.parametrize(
    "check",
    [
        lambda got: np.testing.assert_allclose(got, np.arange(6.0).reshape(2, 3) * -1.5),
        lambda got: np.testing.assert_array_equal(got, np.arange(6.0).reshape(2, 3) * -1.5),
        lambda got: np.testing.assert_equal(got, 7.0),
        lambda got: np.testing.assert_almost_equal(got, 7.0),
    ],
    ids=["allclose", "array_equal", "equal", "almost_equal"],
)
def test_lying_array_cannot_pass_numpy_checks(submission, check):
    got = submission.lying_array()
    assert isinstance(got, RemoteObject)
    with pytest.raises((AssertionError, TypeError, ValueError, StudentCodeError)):
        check(got)


def test_lying_array_cannot_pass_plain_asserts(submission):
    got = submission.lying_array()
    assert not (got == 1)
    with pytest.raises(TypeError):
        float(got)
    with pytest.raises(TypeError):
        len(got)


def test_array_subclass_arrives_as_plain_array(submission):
    got = submission.equal_array()
    assert type(got) is np.ndarray
    assert not (got == 1).any()
    with pytest.raises(AssertionError):
        np.testing.assert_array_equal(got, np.ones(3))


def test_str_subclass_arrives_as_plain_str(submission):
    got = submission.equal_str()
    assert type(got) is str and got == "nope" and got != "yes"


def test_stale_handle_after_restart_is_refused():
    session = LocalSession(_namespace())
    submission = Submission(session)
    counter = submission.make_counter()
    session.generation = 2
    with pytest.raises(WorkerCrashed):
        counter.bump()
    assert submission.add(1, 1) == 2  # the module itself is never stale


def test_fetch_model_requires_a_remote_object(submission):
    with pytest.raises(TypeError):
        submission.fetch_model(np.zeros(3))


class RawSession:
    """Speaks to a dispatcher directly, so tests can send malformed requests or replies."""

    generation = 1

    def __init__(self, reply=None):
        self.dispatcher = Dispatcher(type("M", (), {"f": staticmethod(lambda: 1)})())
        self.reply = reply
        self.faults = FaultLedger()
        self.calls = CallLog()

    def request(self, body, blobs):
        if self.reply is not None:
            return self.reply
        return self.dispatcher.handle(body, blobs)


@pytest.mark.parametrize(
    "reply",
    [({"ok": 1, "extra": 2}, []), ({}, []), ("ok", []), ({"error": "text"}, []), ({"unknown": 1}, [])],
)
def test_invalid_worker_replies_are_worker_crashes(reply):
    with pytest.raises(WorkerCrashed):
        Submission(RawSession(reply)).f


@pytest.mark.parametrize(
    "reply",
    [({"ok": {"$evil": 1}}, []), ({"ok": {"$a": [0, "O", [1], False]}}, [b"x"]), ({"ok": {"$h": ["x", 1]}}, [])],
)
def test_unreadable_results_are_student_errors(reply):
    with pytest.raises(StudentCodeError) as caught:
        Submission(RawSession(reply)).f
    assert caught.value.type_name == "UnreadableResult"


@pytest.mark.parametrize(
    "body",
    [
        "not a dict", {"obj": 0}, {"op": "getattr", "obj": 99, "attr": "f"}, {"op": "getattr", "obj": 0, "attr": 5},
        {"op": "explode", "obj": 0}, {"op": "call", "obj": 0, "args": [{"$h": 42}]},
        {"op": "call", "obj": 0, "args": {"$d": []}},
    ],
)
def test_dispatcher_refuses_malformed_requests(body):
    reply, blobs = unpack(Dispatcher(object()).handle(body, []))
    assert reply["error"]["type"] == "ProtocolError" and blobs == []


def test_raises_in_submission_accepts_only_the_students_own_exception_of_that_type():
    from autograder.testing import raises_in_submission

    submission = Submission(LocalSession({"divide": lambda a, b: a / b, "parse": int}))
    with raises_in_submission("ZeroDivisionError"):
        submission.divide(1, 0)
    with pytest.raises(StudentCodeError, match="ValueError"), raises_in_submission("ZeroDivisionError"):
        submission.parse("x")
    with pytest.raises(MissingDefinition), raises_in_submission("ValueError"):
        submission.no_such_function()
    with pytest.raises(pytest.fail.Exception, match="returned normally"), raises_in_submission("ValueError"):
        submission.divide(1, 2)
