"""Hidden tests for lab 07 (hyperparameter tuning with keras-tuner).

References are independent of any solution. The search space is read from keras-tuner's own
`HyperParameters.get_config()`; models are rebuilt here (`fetch_model`) and their layers,
predictions and loss are checked with our own numpy. The tuner is probed through its oracle
(`create_trial`), and one tiny real search (2 trials, 1 epoch, 300 images) checks it end to
end. The table and best-model tests use a tuner built here, with the lab's search space
declared by the test and trials completed by hand with known values and scores, so they do
not depend on make_tuner (and the table tests not on build_model either).
"""


import numpy as np
import pytest

from autograder.testing import lab_helpers, question

lab = lab_helpers(__file__)


# ================================================================ helpers


def _config(num_layers, units, dropout, learning_rate):
    units = list(units) + [16] * (4 - len(units))
    return {"num_layers": num_layers, **{f"units_{i}": u for i, u in enumerate(units)},
            "dropout": dropout, "learning_rate": learning_rate}


def _test_tuner(submission, hypermodel, tag):
    """A RandomSearch built by the test (not by make_tuner) over the reference space."""
    return lab.kt(submission).RandomSearch(
        hypermodel=hypermodel, objective="val_accuracy", max_trials=20, seed=0,
        hyperparameters=lab.reference_space(submission), directory=lab.fresh_dir(tag), overwrite=True,
    )


def _end(tuner, trial, status, score=None, values=None):
    """End a trial created by the oracle with `status` (and `score`, `values` if given)."""
    if score is not None:
        tuner.oracle.update_trial(trial.trial_id, {"val_accuracy": score})
    state = trial.get_state()
    state["status"] = status
    if values is not None:
        state["hyperparameters"]["values"] = dict(values)
    trial.set_state(state)
    tuner.oracle.end_trial(trial)


def _same(a, b):
    if isinstance(a, (float, np.floating)) or isinstance(b, (float, np.floating)):
        return bool(np.isclose(float(a), float(b), rtol=1e-9, atol=1e-12))
    return a == b


# ================================================================ space


@question("space")
def test_space_default_build_declares_names(submission):
    """A build with default values declares num_layers, units_0, dropout and learning_rate."""
    hp = lab.kt(submission).HyperParameters()
    submission.build_model(hp)
    space = lab.space(hp)
    for name in ("num_layers", "units_0", "dropout", "learning_rate"):
        assert name in space, name


@question("space")
def test_space_one_layer_build_still_declares_every_width(submission):
    """Even with num_layers fixed at 1, a build declares units_0..units_3 (the tuner knows them all)."""
    hp = lab.fixed_hp(submission, {"num_layers": 1})
    submission.build_model(hp)
    space = lab.space(hp)
    assert all(f"units_{i}" in space for i in range(4)), sorted(space)


@question("space")
def test_space_num_layers(submission):
    """num_layers is an Int from 1 to 4 in steps of 1."""
    hp = lab.kt(submission).HyperParameters()
    submission.build_model(hp)
    kind, config = lab.space(hp)["num_layers"]
    assert kind == "Int"
    assert (config["min_value"], config["max_value"]) == (1, 4)
    assert config.get("step") in (1, None)
    assert config.get("sampling") in ("linear", None)


@question("space")
def test_space_units_of_every_layer(submission):
    """With four layers, units_0..units_3 are each an Int from 16 to 256 with step 16."""
    hp = lab.fixed_hp(submission, {"num_layers": 4})
    submission.build_model(hp)
    space = lab.space(hp)
    for i in range(4):
        kind, config = space[f"units_{i}"]
        assert kind == "Int", (i, kind)
        assert (config["min_value"], config["max_value"], config["step"]) == (16, 256, 16), i
        assert config.get("sampling") in ("linear", None), i
    assert "units_4" not in space


@question("space")
def test_space_units_values(submission):
    """The widths a trial can draw are exactly 16, 32, ..., 256."""
    hp = lab.fixed_hp(submission, {"num_layers": 4})
    submission.build_model(hp)
    units = [h for h in hp.space if h.name == "units_2"][0]
    draws = {int(units.random_sample(seed)) for seed in range(300)}
    assert draws == set(range(16, 257, 16)), sorted(draws)


@question("space")
def test_space_dropout(submission):
    """dropout is a Float from 0.0 to 0.5 in steps of 0.1."""
    hp = lab.kt(submission).HyperParameters()
    submission.build_model(hp)
    kind, config = lab.space(hp)["dropout"]
    assert kind == "Float"
    assert np.isclose(config["min_value"], 0.0) and np.isclose(config["max_value"], 0.5)
    assert config["step"] is not None and np.isclose(config["step"], 0.1)
    assert config.get("sampling") in ("linear", None)


@question("space")
def test_space_learning_rate_choice(submission):
    """learning_rate is a Choice among exactly 1e-2, 1e-3 and 1e-4."""
    hp = lab.kt(submission).HyperParameters()
    submission.build_model(hp)
    kind, config = lab.space(hp)["learning_rate"]
    assert kind == "Choice"
    values = sorted(float(v) for v in config["values"])
    assert len(values) == 3 and np.allclose(values, sorted(lab.LR_CHOICES), rtol=1e-9)


# ================================================================ model


def _layer_summary(model):
    """[('dense', units, activation) | ('dropout', rate)] in order, other layers noted by type."""
    import keras

    act_layers = (keras.layers.Activation, keras.layers.ReLU, keras.layers.LeakyReLU,
                  keras.layers.ELU, keras.layers.PReLU, keras.layers.Softmax)
    summary = []
    for layer in model.layers:
        if isinstance(layer, keras.layers.Dense):
            summary.append(("dense", int(layer.units), keras.activations.serialize(layer.activation)))
        elif isinstance(layer, keras.layers.Dropout):
            summary.append(("dropout", float(layer.rate)))
        elif isinstance(layer, act_layers):
            summary.append(("activation", type(layer).__name__))
        elif not isinstance(layer, keras.layers.InputLayer):
            summary.append(("other", type(layer).__name__))
    return summary


def _activation_name(entry):
    name = entry[2]
    return name if isinstance(name, str) else str(name)


def _check_architecture(submission, num_layers, units, dropout, learning_rate=1e-3):
    remote = submission.build_model(lab.fixed_hp(submission, _config(num_layers, units, dropout, learning_rate)))
    model = submission.fetch_model(remote)
    summary = _layer_summary(model)
    assert not [e for e in summary if e[0] == "other"], summary
    core = [e for e in summary if e[0] in ("dense", "dropout")]
    expected_kinds = ["dense", "dropout"] * num_layers + ["dense"]
    assert [e[0] for e in core] == expected_kinds, summary
    dense = [e for e in core if e[0] == "dense"]
    assert [e[1] for e in dense] == list(units[:num_layers]) + [10], summary
    rates = [e[1] for e in core if e[0] == "dropout"]
    assert np.allclose(rates, dropout, atol=1e-6), summary
    # every hidden Dense is non-linear: a non-linear activation or an activation layer after it
    for index, entry in enumerate(summary):
        if entry[0] == "dense" and entry is not dense[-1]:
            following = summary[index + 1] if index + 1 < len(summary) else None
            assert "linear" not in _activation_name(entry) or (following and following[0] == "activation"), summary
    return model


@question("model")
def test_model_three_hidden_layers(submission):
    """num_layers=3: Dense(units_i) + Dropout(dropout) three times, then Dense(10)."""
    _check_architecture(submission, 3, [128, 64, 32], 0.3)


@question("model")
def test_model_one_hidden_layer(submission):
    """num_layers=1 uses units_0 only (units_1.. are ignored), with its Dropout."""
    _check_architecture(submission, 1, [48, 224, 224], 0.4)


@question("model")
def test_model_four_hidden_layers(submission):
    """num_layers=4: a Dropout after each of the four hidden Dense layers, widths in order."""
    _check_architecture(submission, 4, [16, 240, 80, 256], 0.1)


@question("model")
def test_model_outputs_probabilities(submission):
    """The model maps 64 features to 10 class probabilities (softmax rows sum to 1)."""
    X_train, _, _, _ = lab.digits_split()
    remote = submission.build_model(lab.fixed_hp(submission, _config(2, [64, 32], 0.2, 1e-3)))
    model = submission.fetch_model(remote)
    assert tuple(model.input_shape) == (None, 64)
    probs = np.asarray(model.predict(X_train[:50], verbose=0), dtype=np.float64)
    assert probs.shape == (50, 10)
    assert np.all(probs >= 0)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-5)


@question("model")
@pytest.mark.parametrize("learning_rate", lab.LR_CHOICES)
def test_model_adam_with_learning_rate(submission, learning_rate):
    """The model is compiled with Adam at the chosen learning rate."""
    remote = submission.build_model(lab.fixed_hp(submission, _config(1, [32], 0.0, learning_rate)))
    optimizer = remote.optimizer
    assert optimizer.type_name == "Adam"
    np.testing.assert_allclose(float(np.asarray(optimizer.learning_rate)), learning_rate, rtol=1e-6)


@question("model")
def test_model_loss_and_accuracy_metric(submission):
    """Compiled with sparse categorical cross-entropy on integer labels and an 'accuracy' metric."""
    X_train, _, y_train, _ = lab.digits_split()
    X, y = X_train[:64], y_train[:64]
    remote = submission.build_model(lab.fixed_hp(submission, _config(2, [32, 16], 0.2, 1e-3)))
    result = remote.evaluate(X, y, verbose=0, return_dict=True)
    assert "accuracy" in result, sorted(result)
    model = submission.fetch_model(remote)
    probs = np.clip(np.asarray(model.predict(X, verbose=0), dtype=np.float64), 1e-7, 1 - 1e-7)
    expected_loss = -np.mean(np.log(probs[np.arange(len(y)), y]))
    expected_accuracy = np.mean(np.argmax(probs, axis=1) == y)
    np.testing.assert_allclose(result["loss"], expected_loss, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(result["accuracy"], expected_accuracy, atol=1e-6)


# ================================================================ tuner


def _trial_values(tuner, count, prefix):
    return [dict(tuner.oracle.create_trial(f"{prefix}{i}").hyperparameters.values) for i in range(count)]


@question("tuner")
@pytest.mark.parametrize("seed", [0, 7])
def test_tuner_objective_is_val_accuracy_max(submission, seed):
    """The tuner's objective is val_accuracy, to be maximized."""
    tuner = submission.make_tuner(lab.fresh_dir("objective"), max_trials=3, seed=seed)
    objective = tuner.oracle.objective
    assert (objective.name, objective.direction) == ("val_accuracy", "max")


@question("tuner")
@pytest.mark.parametrize("max_trials", [1, 4])
def test_tuner_honours_max_trials(submission, max_trials):
    """The oracle hands out exactly max_trials trials, then stops."""
    tuner = submission.make_tuner(lab.fresh_dir("budget"), max_trials=max_trials, seed=1)
    statuses = [tuner.oracle.create_trial(f"probe{i}").status for i in range(max_trials + 2)]
    assert statuses == ["RUNNING"] * max_trials + ["STOPPED"] * 2, statuses


@question("tuner")
def test_tuner_default_max_trials_is_10(submission):
    """make_tuner(directory) allows 10 trials by default."""
    tuner = submission.make_tuner(lab.fresh_dir("default"))
    statuses = [tuner.oracle.create_trial(f"probe{i}").status for i in range(11)]
    assert statuses == ["RUNNING"] * 10 + ["STOPPED"], statuses


@question("tuner")
def test_tuner_is_seeded(submission):
    """The same seed proposes the same configurations; another seed proposes others."""
    first = _trial_values(submission.make_tuner(lab.fresh_dir("seed-a"), max_trials=5, seed=3), 3, "a")
    again = _trial_values(submission.make_tuner(lab.fresh_dir("seed-b"), max_trials=5, seed=3), 3, "b")
    other = _trial_values(submission.make_tuner(lab.fresh_dir("seed-c"), max_trials=5, seed=4), 3, "c")
    default = _trial_values(submission.make_tuner(lab.fresh_dir("seed-d"), max_trials=5), 3, "d")
    zero = _trial_values(submission.make_tuner(lab.fresh_dir("seed-e"), max_trials=5, seed=0), 3, "e")
    assert first == again
    assert first != other
    assert default == zero
    assert all("num_layers" in values for values in first)


@question("tuner")
def test_tuner_project_under_directory(submission):
    """The tuner keeps its project (and its trial files) under the given directory."""
    directory = lab.fresh_dir("project")
    tuner = submission.make_tuner(directory, max_trials=3, seed=0)
    assert str(tuner.project_dir).startswith(directory + "/")
    tuner.oracle.create_trial("probe")
    gfile = submission.import_module("tensorflow").io.gfile
    assert gfile.exists(tuner.project_dir)
    assert len(gfile.listdir(directory)) >= 1


@question("tuner")
def test_tuner_small_search_end_to_end(submission):
    """A 2-trial, 1-epoch search runs, completes both trials and scores them by val_accuracy."""
    X_train, _, y_train, _ = lab.digits_split()
    directory = lab.fresh_dir("search")
    tuner = submission.make_tuner(directory, max_trials=2, seed=0)
    tuner.search(X_train[:300], y_train[:300], validation_split=0.2, epochs=1, batch_size=64, verbose=0)
    trials = tuner.oracle.trials
    assert len(trials) == 2
    for trial in trials.values():
        assert trial.status == "COMPLETED"
        score = trial.score
        assert score is not None and 0.0 <= score <= 1.0
        best_val = trial.metrics.get_best_value("val_accuracy")
        assert best_val is not None and np.isclose(score, best_val)
        assert "num_layers" in trial.hyperparameters.values
    assert str(tuner.project_dir).startswith(directory + "/")


# ================================================================ table


def _stand_in_tuner(submission, tag):
    # numpy.asarray as the hypermodel: these tests never build a model, so trials_table is
    # tested without relying on build_model.
    return _test_tuner(submission, submission.import_module("numpy").asarray, tag)


def _check_rows(rows, trials):
    """rows must describe exactly the completed `trials` (a list of (values, score))."""
    assert isinstance(rows, list), type(rows)
    assert len(rows) == len(trials), (len(rows), len(trials))
    unmatched = list(trials)
    for row in rows:
        assert isinstance(row, dict), type(row)
        assert "score" in row, sorted(row)
        match = [
            (values, score) for values, score in unmatched
            if all(name in row and _same(row[name], value) for name, value in values.items())
            and np.isclose(float(row["score"]), score, rtol=1e-6)
        ]
        assert match, row
        unmatched.remove(match[0])


@question("table")
def test_table_only_completed_trials(submission):
    """Running and failed trials are left out; every completed trial gives one row."""
    tuner = _stand_in_tuner(submission, "table-mixed")
    trials = [tuner.oracle.create_trial(f"t{i}") for i in range(5)]
    expected = []
    for trial, status, score in zip(trials, ["COMPLETED", "FAILED", "COMPLETED", "COMPLETED"],
                                    [0.62, None, 0.91, 0.77]):
        _end(tuner, trial, status, score)
        if status == "COMPLETED":
            expected.append((dict(trial.hyperparameters.values), score))
    # trials[4] is still RUNNING
    _check_rows(submission.trials_table(tuner), expected)


@question("table")
def test_table_values_and_scores(submission):
    """Each row holds the trial's hyperparameter values (same names) and its score."""
    tuner = _stand_in_tuner(submission, "table-values")
    chosen = [
        (_config(3, [96, 64, 48], 0.1, 1e-3), 0.93),
        (_config(1, [256], 0.5, 1e-4), 0.41),
        (_config(4, [16, 32, 48, 64], 0.0, 1e-2), 0.88),
    ]
    for i, (values, score) in enumerate(chosen):
        _end(tuner, tuner.oracle.create_trial(f"t{i}"), "COMPLETED", score, values)
    rows = submission.trials_table(tuner)
    _check_rows(rows, chosen)
    for row in rows:
        for name in ("num_layers", "units_0", "units_3", "dropout", "learning_rate", "score"):
            assert isinstance(row[name], (int, float, np.integer, np.floating)), (name, row[name])


@question("table")
def test_table_empty_when_nothing_completed(submission):
    """No completed trial gives an empty list."""
    tuner = _stand_in_tuner(submission, "table-empty")
    assert submission.trials_table(tuner) == []
    tuner.oracle.create_trial("running")
    assert submission.trials_table(tuner) == []


@question("table")
def test_table_many_trials(submission):
    """Ten completed trials give ten rows with their own scores."""
    tuner = _stand_in_tuner(submission, "table-many")
    expected = []
    scores = np.random.default_rng(5).uniform(0.1, 0.99, size=10)
    for i, score in enumerate(scores):
        trial = tuner.oracle.create_trial(f"t{i}")
        _end(tuner, trial, "COMPLETED", float(score))
        expected.append((dict(trial.hyperparameters.values), float(score)))
    _check_rows(submission.trials_table(tuner), expected)


# ================================================================ best


@question("best")
def test_best_model_rebuilds_the_best_trial(submission):
    """best_model rebuilds the best trial's architecture and learning rate (3 layers of 96, 64, 48).

    Trained here on 64 images only, to keep it cheap: what the public test checks on the full
    training split (0.95 test accuracy) is not repeated.
    """
    import keras

    X_train, _, y_train, _ = lab.digits_split()
    tuner = _test_tuner(submission, submission.build_model, "best")
    best = _config(3, [96, 64, 48], 0.1, 1e-3)
    for i, (values, score) in enumerate([
        (_config(2, [128, 64], 0.2, 1e-3), 0.90),
        (best, 0.94),
        (_config(1, [32], 0.0, 1e-2), 0.86),
    ]):
        _end(tuner, tuner.oracle.create_trial(f"t{i}"), "COMPLETED", score, values)

    remote = submission.best_model(tuner, X_train[:64], y_train[:64])
    model = submission.fetch_model(remote)
    units = [int(layer.units) for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    assert units == [96, 64, 48, 10], units
    np.testing.assert_allclose(float(np.asarray(remote.optimizer.learning_rate)), 1e-3, rtol=1e-6)
    dropout = [float(layer.rate) for layer in model.layers if isinstance(layer, keras.layers.Dropout)]
    assert all(np.isclose(rate, 0.1) for rate in dropout), dropout
