"""Naming the mistake: sketches of answers, call keys, and the rule that makes (or withholds) a claim."""

from __future__ import annotations

import json

import numpy as np
import pytest

from autograder.diagnosis.diagnose import diagnose
from autograder.diagnosis.profiles import MutantProfile
from autograder.diagnosis.sketch import SAMPLES, UNSTABLE, matches, raised, sketch
from autograder.judge.calls import ANY_COUNT, CallLog, call_key
from autograder.judge.proxy import Submission
from autograder.report.summary import misconception_counts
from autograder.results import Misconception, QuestionResult, SubmissionResult
from autograder.worker.local import LocalSession
from tests.unit.result_factory import make_result


# ---------------------------------------------------------------- sketches


def test_a_sketch_is_bounded_whatever_the_value():
    for value in (np.random.default_rng(0).normal(size=(1000, 1000)), list(range(100_000)), {f"k{i}": i for i in range(5000)}):
        text = json.dumps(sketch(value))
        assert len(text) < 40 * SAMPLES * 4, len(text)


def test_sketches_match_within_float_round_off_and_not_beyond():
    x = np.random.default_rng(1).normal(size=(300, 7))
    assert matches(sketch(x), sketch(x * (1 + 1e-7)))
    assert matches(sketch(x.astype(np.float32)), sketch(x))
    assert not matches(sketch(x), sketch(x * 1.01))
    assert not matches(sketch(x), sketch(x.T))  # the shape counts
    assert not matches(sketch(x), sketch(-x))


def test_a_change_between_the_samples_still_shows_in_the_sums():
    x = np.zeros(10_000)
    y = x.copy()
    y[17] = 0.5  # not one of the evenly spaced samples
    assert not matches(sketch(x), sketch(y))


def test_exact_values_compare_exactly():
    assert matches(sketch(np.arange(10)), sketch(list(range(10))))
    assert not matches(sketch(np.arange(10)), sketch(np.arange(10) + 1))
    assert matches(sketch("relu"), sketch("relu")) and not matches(sketch("relu"), sketch("tanh"))
    assert not matches(sketch(True), sketch(1)) and not matches(sketch(None), sketch(False))
    assert matches(raised("ValueError"), raised("ValueError")) and not matches(raised("ValueError"), sketch("ValueError"))


def test_structures_compare_item_by_item():
    history = {"loss": [0.9, 0.5, 0.3], "accuracy": [0.5, 0.7, 0.8]}
    assert matches(sketch(history), sketch({"accuracy": [0.5, 0.7, 0.8], "loss": [0.9, 0.5, 0.3]}))
    assert not matches(sketch(history), sketch({"loss": [0.9, 0.5, 0.3]}))
    assert matches(sketch((1, "a", [2.0])), sketch([1, "a", [2.0]]))  # a tuple and a list read alike
    assert not matches(sketch([1, "a"]), sketch(["a", 1]))


def test_non_finite_values_are_kept_and_compared():
    a = np.array([1.0, np.nan, np.inf])
    assert matches(sketch(a), sketch(a.copy()))
    assert not matches(sketch(a), sketch(np.array([1.0, np.nan, -np.inf])))
    json.dumps(sketch(a), allow_nan=False)  # stored as JSON proper


def test_what_cannot_be_compared_has_no_sketch():
    assert sketch(object()) is None
    assert sketch(np.array([1j])) is None
    assert sketch([[[[[[1]]]]]]) is None  # deeper than a result needs
    assert sketch({i: i for i in range(20_000)}) is None
    assert not matches(None, None)


# ---------------------------------------------------------------- call keys and the log


def _counted(calls: dict) -> dict:
    """The entries of single calls (not those of a call over all its counts)."""
    return {key: value for key, value in calls.items() if not key.endswith(ANY_COUNT)}


def _keys(session_namespace: dict, calls) -> dict[str, dict]:
    session = LocalSession(session_namespace)
    calls(Submission(session))
    return session.calls.by_question


def test_calls_are_keyed_by_name_and_arguments_the_same_in_two_sessions():
    def calls(submission):
        submission.f(np.arange(3.0), k=2)
        submission.g(submission.f, 1)  # a function of the submission, passed by the name it was read as

    first = _keys({"f": lambda x, k: x * k, "g": lambda h, v: v}, calls)
    second = _keys({"f": lambda x, k: x + k, "g": lambda h, v: v}, calls)
    assert first[""].keys() == second[""].keys() and len(_counted(first[""])) == 2
    f_key = next(iter(first[""]))
    assert not matches(first[""][f_key], second[""][f_key])


def test_library_functions_passed_as_arguments_are_keyed_by_their_path_and_not_logged():
    def calls(submission):
        numpy = submission.import_module("numpy")
        numpy.sum(np.ones(3))  # a library call: not the student's answer
        submission.grad(numpy.linalg.norm, np.ones(2))

    first = _keys({"grad": lambda f, x: f(x) * 2}, calls)
    second = _keys({"grad": lambda f, x: f(x) * 3}, calls)
    assert len(_counted(first[""])) == 1 and first[""].keys() == second[""].keys()


def test_objects_are_named_by_the_call_that_made_them_and_counted_in_order():
    def calls(submission):
        counter = submission.Counter(2)
        counter.step()
        counter.step()
        submission.read(counter)

    class Counter:
        def __init__(self, by):
            self.by, self.value = by, 0

        def step(self):
            self.value += self.by
            return self.value

    first = _keys({"Counter": Counter, "read": lambda c: c.value}, calls)
    again = _keys({"Counter": Counter, "read": lambda c: c.value}, calls)
    assert first == again
    assert sorted(v for v in _counted(first[""]).values() if v[0] == "a") == sorted([sketch(2), sketch(4), sketch(4)])  # step #0, #1, read
    steps_over_all_counts = [v for k, v in first[""].items() if k.endswith(ANY_COUNT)]
    assert UNSTABLE in steps_over_all_counts  # step answered 2, then 4


def test_a_call_passing_an_object_with_no_path_has_no_key():
    def calls(submission):
        made = submission.make()  # a list holding an object: the object itself has no path
        submission.use(made[0])

    log = _keys({"make": lambda: [lambda: 1], "use": lambda thing: 1}, calls)
    assert len(log[""]) == 0


def test_keras_generated_names_do_not_change_a_key():
    make = lambda offset: json.dumps({"class_name": "Sequential", "config": {"name": f"sequential_{offset}", "layers": [
        {"class_name": "Dense", "config": {"name": f"dense_{offset}", "units": 3}},
        {"class_name": "Dense", "config": {"name": f"dense_{offset + 1}", "units": 1}, "inbound": [f"dense_{offset}"]},
    ]}})
    key = lambda config: call_key("f", {"args": [{"$k": [config, []]}], "kwargs": {"$d": []}}, [], {})
    assert key(make(3)) == key(make(40))
    assert key(make(3)) != key(make(3).replace('"units": 3', '"units": 4'))


def test_blobs_are_part_of_a_key():
    encoded = {"args": [{"$a": [0, "<f8", [2], False]}], "kwargs": {"$d": []}}
    assert call_key("f", encoded, [b"\0" * 16], {}) != call_key("f", encoded, [b"\1" * 16], {})


def test_a_call_answered_differently_twice_is_unstable():
    log = CallLog()
    log.returned("q", "k1", 1.0)
    log.returned("q", "k1", 1.0)
    log.returned("q", "k2", 1.0)
    log.returned("q", "k2", 2.0)
    log.returned("q", "k2", 1.0)
    assert log.by_question["q"] == {"k1": sketch(1.0), "k2": UNSTABLE}


# ---------------------------------------------------------------- the rule


def _profile(name: str, question: str, calls: dict[str, tuple[object, bool]]) -> MutantProfile:
    return MutantProfile(name, question, ["f"], f"{name} explained", {key: (sketch(value), differs) for key, (value, differs) in calls.items()})


SIGN = _profile("sign", "add", {"k1": (-1.0, True), "k2": (0.0, False)})
DOUBLE = _profile("double", "add", {"k1": (6.0, True), "k2": (0.0, False)})
SCALE = _profile("scale_plus", "scale", {"s1": ([3.0, 4.0], True)})


def test_answers_like_a_mutant_where_it_differs_from_the_solution_are_named():
    found = diagnose([SIGN, DOUBLE], {"add": {"k1": sketch(-1.0), "k2": sketch(0.0), "other": sketch(5)}}, {"add"})
    assert [m.id for m in found["add"]] == ["sign"]
    assert found["add"][0] == Misconception("sign", ["f"], "sign explained")


def test_one_disagreeing_call_withholds_the_claim():
    assert diagnose([SIGN], {"add": {"k1": sketch(-1.0), "k2": sketch(0.5)}}, {"add"}) == {}


def test_agreeing_only_where_the_mutant_answers_like_the_solution_is_no_evidence():
    assert diagnose([SIGN], {"add": {"k2": sketch(0.0)}}, {"add"}) == {}


def test_a_passed_question_is_never_diagnosed():
    assert diagnose([SIGN], {"add": {"k1": sketch(-1.0)}}, {"scale"}) == {}


def test_two_mistakes_in_two_questions_give_two_diagnoses():
    calls = {"add": {"k1": sketch(-1.0)}, "scale": {"s1": sketch([3.0, 4.0])}}
    found = diagnose([SIGN, DOUBLE, SCALE], calls, {"add", "scale"})
    assert {q: [m.id for m in ms] for q, ms in found.items()} == {"add": ["sign"], "scale": ["scale_plus"]}


def test_the_strongest_evidence_comes_first():
    weak = _profile("weak", "add", {"k1": (-1.0, True)})
    strong = _profile("strong", "add", {"k1": (-1.0, True), "k3": (9.0, True)})
    found = diagnose([weak, strong], {"add": {"k1": sketch(-1.0), "k3": sketch(9.0)}}, {"add"})
    assert [m.id for m in found["add"]] == ["strong", "weak"]


def test_a_mistake_that_leaves_answers_to_chance_is_compared_on_its_unstable_calls_alone():
    global_rng = MutantProfile("global_rng", "add", ["f"], "seed ignored", {
        "twice": (UNSTABLE, True), "once": (sketch(0.123), True), "stateful*": (UNSTABLE, False),
    })
    assert [m.id for m in diagnose([global_rng], {"add": {"twice": UNSTABLE, "once": sketch(0.777)}}, {"add"})["add"]] == ["global_rng"]
    assert diagnose([global_rng], {"add": {"twice": sketch(1.0), "once": sketch(0.123)}}, {"add"}) == {}
    stateful_only = MutantProfile("m", "add", ["f"], "x", {"stateful*": (UNSTABLE, False), "k": (sketch(1.0), True)})
    assert [m.id for m in diagnose([stateful_only], {"add": {"stateful*": UNSTABLE, "k": sketch(1.0)}}, {"add"})["add"]] == ["m"]


# ---------------------------------------------------------------- results and the class summary


def test_misconceptions_survive_the_results_json_and_old_results_still_load():
    result = make_result()
    result.questions[1].misconceptions = [Misconception("scale_plus", ["scale"], "k multiplies")]
    again = SubmissionResult.from_json(result.to_json())
    assert again.questions[1].misconceptions == [Misconception("scale_plus", ["scale"], "k multiplies")]
    old = json.loads(result.to_json())
    for question in old["questions"]:
        del question["misconceptions"]
    assert SubmissionResult.from_json(json.dumps(old)).questions[1].misconceptions == []


def test_the_statement_names_the_functions():
    assert Misconception("m", ["adam_step"], "no bias correction").statement() == "Your `adam_step` behaves like a classic mistake: no bias correction"
    assert Misconception("m", ["a", "b"], "x").statement() == "Your `a`, `b` behave like a classic mistake: x"


def test_the_class_summary_counts_each_misconception_most_common_first():
    def student(name: str, *ids: str) -> SubmissionResult:
        question = QuestionResult("scale", "scale(x, k)", 0.0, 3.0, [Misconception(i, ["scale"], f"{i} text") for i in ids])
        return make_result(student=name, questions=[QuestionResult("add", "add(a, b)", 2.0, 2.0), question])

    rows = misconception_counts([student("a", "plus"), student("b", "plus", "minus"), student("c")])
    assert [(r["question"], r["id"], r["students"]) for r in rows] == [("scale", "plus", ["a", "b"]), ("scale", "minus", ["b"])]


@pytest.mark.parametrize("renderer", ["markdown", "html", "gradescope", "console"])
def test_feedback_shows_the_misconception_on_its_question_neutralised(renderer, capsys):
    from rich.console import Console

    from autograder.gradescope.results import gradescope_results
    from autograder.report.console import print_check
    from autograder.report.feedback import feedback_markdown
    from autograder.report.html import feedback_html
    from tests.unit.result_factory import t

    result = make_result(tests=[t("test_scale", "scale", "failed", message="wrong"), t("test_add", "add")])
    result.questions[1].misconceptions = [Misconception("scale_plus", ["scale"], "adds <b>k</b> [link](http://x) instead")]
    if renderer == "markdown":
        text = feedback_markdown(result)
        assert "Your `scale` behaves like a classic mistake: adds" in text and r"\[link\]" in text and "<b>" not in text
    elif renderer == "html":
        text = feedback_html(result)
        assert "<code>scale</code> behaves like a classic mistake: adds &lt;b&gt;k&lt;/b&gt;" in text
    elif renderer == "gradescope":
        data = gradescope_results(result)
        entry = next(e for e in data["tests"] if e["name"].endswith("test_scale"))
        assert entry["output"].startswith("Your `scale` behaves like a classic mistake: adds <b>k</b>")
        assert "Your `scale` behaves like" in data["output"]
        assert not any("classic mistake" in e["output"] for e in data["tests"] if not e["name"].endswith("test_scale"))
    else:
        print_check(result, Console(width=200, force_terminal=False))
        assert "Your `scale` behaves like a classic mistake: adds <b>k</b>" in capsys.readouterr().out


def test_temporary_paths_count_by_their_last_component():
    import tempfile

    a, b = (f"{tempfile.gettempdir()}/kt-{suffix}/digits_mlp" for suffix in ("x1y2", "z9q8"))
    assert matches(sketch(f"{tempfile.gettempdir()}/kt-search-38836ca7c3"), sketch(f"{tempfile.gettempdir()}/kt-search-0a9b8c7d6e"))
    assert matches(sketch(a), sketch(b)) and not matches(sketch(a), sketch(a.replace("digits_mlp", "other")))
    key = lambda path: call_key("tune", {"args": [path], "kwargs": {"$d": []}}, [], {})
    assert key(a) == key(b) != key("/home/me/digits_mlp")


def test_with_diagnosis_off_nothing_is_logged(monkeypatch):
    monkeypatch.setenv("AUTOGRADER_DIAGNOSE", "off")
    log = _keys({"f": lambda x: x * 2}, lambda submission: submission.f(np.arange(3.0)))
    assert log.get("", {}) == {}
