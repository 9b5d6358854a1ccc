"""The fault ledger: a hang or crash cuts off its question only; the student's own raise is not a fault."""

import pytest

from autograder.judge.errors import CallTimeout, MissingDefinition, StudentCodeError, WorkerCrashed
from autograder.judge.faults import FaultLedger, QuestionCutOff


def test_a_timeout_cuts_off_its_question_only():
    ledger = FaultLedger()
    ledger.begin_test("q1")
    ledger.record(CallTimeout("your code did not return within 5 s"))
    ledger.begin_test("q2")
    ledger.ensure_open()
    ledger.begin_test("q1")
    with pytest.raises(QuestionCutOff, match="question q1 did not return in time") as cut:
        ledger.ensure_open()
    assert cut.value.category == "timeout"
    assert ledger.problem_of_test() is cut.value


def test_a_crash_cuts_off_with_its_own_category():
    ledger = FaultLedger()
    ledger.begin_test("q1")
    ledger.record(WorkerCrashed("ended"))
    with pytest.raises(QuestionCutOff) as cut:
        ledger.ensure_open()
    assert cut.value.category == "crashed" and "crashed the worker" in str(cut.value)


def test_missing_names_are_remembered_but_cut_nothing_off():
    ledger = FaultLedger()
    ledger.begin_test("q1")
    ledger.record(MissingDefinition("f"))
    assert isinstance(ledger.problem_of_test(), MissingDefinition)
    ledger.begin_test("q1")
    ledger.ensure_open()
    assert ledger.problem_of_test() is None


def test_the_students_own_exception_is_not_a_fault_but_an_unreadable_result_is():
    ledger = FaultLedger()
    ledger.begin_test("q1")
    ledger.record(StudentCodeError("ValueError", "bad input"))
    assert ledger.problem_of_test() is None
    ledger.record(StudentCodeError("UnreadableResult", "cannot read", raised_by_student=False))
    assert ledger.problem_of_test().type_name == "UnreadableResult"


def test_trying_lets_a_test_fall_back_when_a_function_is_missing_but_not_past_a_hang():
    from autograder.judge.proxy import Submission as Proxy
    from autograder.testing import trying
    from autograder.worker.local import LocalSession

    session = LocalSession({"xavier": lambda n: n})
    proxy = Proxy(session)
    session.faults.begin_test("init")
    with trying(proxy), pytest.raises(MissingDefinition):
        proxy.he(3)
    assert proxy.xavier(3) == 3 and session.faults.problem_of_test() is None
    with pytest.raises(MissingDefinition):
        proxy.he(3)
    assert session.faults.problem_of_test().category == "missing"
    session.faults.begin_test("init")
    with trying(proxy):
        session.faults.record(CallTimeout("did not return"))
    assert session.faults.problem_of_test().category == "timeout" and "init" in session.faults.cut_off
