"""Public tests for lab 07 (hyperparameter tuning with keras-tuner).

Run them from the notebook with `check("QUESTION_ID")`. They check names, shapes and simple
values; the hidden tests check the same functions more thoroughly. None of them runs a real
search: they drive your functions with keras-tuner's own objects, a few calls at a time.
"""


import numpy as np

from autograder.testing import lab_helpers, question

lab = lab_helpers(__file__)

NAMES = ("num_layers", "units_0", "dropout", "learning_rate")
GOOD = {"num_layers": 2, "units_0": 128, "units_1": 64, "units_2": 16, "units_3": 16,
        "dropout": 0.2, "learning_rate": 1e-3}


def _complete(tuner, trial, score, values=None):
    """Mark a trial created by the oracle as COMPLETED with `score` (optionally with `values`)."""
    tuner.oracle.update_trial(trial.trial_id, {"val_accuracy": score})
    state = trial.get_state()
    state["status"] = "COMPLETED"
    if values is not None:
        state["hyperparameters"]["values"] = dict(values)
    trial.set_state(state)
    tuner.oracle.end_trial(trial)


# ---------------------------------------------------------------- space


@question("space")
def test_space_declares_the_four_names(submission):
    """build_model declares num_layers, units, dropout and learning_rate."""
    hp = lab.kt(submission).HyperParameters()
    submission.build_model(hp)
    space = lab.space(hp)
    missing = [name for name in NAMES if name not in space]
    assert not missing, (
        f"build_model(hp) declared {sorted(space)}; expected also {missing}. "
        "Hint: ask hp for every value, e.g. hp.Int('num_layers', min_value=1, max_value=4)."
    )


@question("space")
def test_space_declares_every_width_on_the_first_call(submission):
    """The first build, with the defaults (one layer), already declares units_0 to units_3."""
    hp = lab.kt(submission).HyperParameters()
    submission.build_model(hp)
    widths = sorted(name for name in lab.space(hp) if name.startswith("units_"))
    assert widths == [f"units_{i}" for i in range(4)], (
        f"a build with the defaults declared only {widths}. The tuner learns the search space from "
        "this first call, so a width declared later is not searched at first (its first trials use "
        "the default, 16). Hint: declare all four units_i on every call and use the first num_layers "
        "(or declare them under hp.conditional_scope)."
    )


@question("space")
def test_space_num_layers_range(submission):
    """build_model declares num_layers from 1 to 4."""
    hp = lab.kt(submission).HyperParameters()
    submission.build_model(hp)
    kind, config = lab.space(hp).get("num_layers", (None, {}))
    got = (kind, config.get("min_value"), config.get("max_value"))
    assert got == ("Int", 1, 4), (
        f"num_layers: expected an Int from 1 to 4, got {kind} from {got[1]} to {got[2]}. "
        "Hint: hp.Int('num_layers', min_value=1, max_value=4)."
    )


@question("space")
def test_space_units_with_four_layers(submission):
    """With four layers, build_model declares units_0 to units_3 (16 to 256, step 16)."""
    hp = lab.fixed_hp(submission, {"num_layers": 4})
    submission.build_model(hp)
    space = lab.space(hp)
    for i in range(4):
        kind, config = space.get(f"units_{i}", (None, {}))
        got = (kind, config.get("min_value"), config.get("max_value"), config.get("step"))
        assert got == ("Int", 16, 256, 16), (
            f"units_{i} (with num_layers fixed at 4): expected an Int from 16 to 256 with step 16, "
            f"got {got}. Hint: hp.Int(f'units_{{i}}', min_value=16, max_value=256, step=16)."
        )


# ---------------------------------------------------------------- model


def _dense_and_dropout(model):
    import keras

    layers = []
    for layer in model.layers:
        if isinstance(layer, keras.layers.Dense):
            layers.append(f"Dense({layer.units})")
        elif isinstance(layer, keras.layers.Dropout):
            layers.append(f"Dropout({round(float(layer.rate), 3)})")
    return layers


@question("model")
def test_model_layers_for_two_hidden_layers(submission):
    """With two hidden layers the model is Dense, Dropout, Dense, Dropout, then Dense(10) softmax."""
    model = submission.fetch_model(submission.build_model(lab.fixed_hp(submission, GOOD)))
    got = _dense_and_dropout(model)
    expected = ["Dense(128)", "Dropout(0.2)", "Dense(64)", "Dropout(0.2)", "Dense(10)"]
    assert got == expected, (
        f"with num_layers=2, units_0=128, units_1=64, dropout=0.2 the Dense/Dropout layers "
        f"should be {expected}, got {got}. Hint: one Dense(units_i, 'relu') and one "
        "Dropout(dropout) per hidden layer, then Dense(10, 'softmax')."
    )


@question("model")
def test_model_outputs_class_probabilities(submission):
    """The model outputs class probabilities (softmax rows that sum to 1)."""
    X_train, _, _, _ = lab.digits_split()
    model = submission.fetch_model(submission.build_model(lab.fixed_hp(submission, GOOD)))
    probs = np.asarray(model.predict(X_train[:8], verbose=0), dtype=np.float64)
    assert probs.shape == (8, 10), (
        f"8 digits of 64 features should give predictions of shape (8, 10), got {probs.shape}. "
        "Hint: keras.Input((64,)) and a last layer Dense(10, activation='softmax')."
    )
    np.testing.assert_allclose(
        probs.sum(axis=1), 1.0, atol=1e-4,
        err_msg="each row of predictions should sum to 1. Hint: activation='softmax' on the last layer.",
    )


@question("model")
def test_model_is_compiled_with_the_learning_rate(submission):
    """The model is compiled with Adam at the chosen learning rate."""
    model = submission.build_model(lab.fixed_hp(submission, {**GOOD, "learning_rate": 1e-2}))
    optimizer = model.optimizer
    assert optimizer is not None, "build_model must return a compiled model (model.compile(...))."
    lr = float(np.asarray(optimizer.learning_rate))
    assert abs(lr - 1e-2) < 1e-8, (
        f"with learning_rate=1e-2 the optimizer's learning rate should be 0.01, got {lr}. "
        "Hint: keras.optimizers.Adam(learning_rate=hp.Choice('learning_rate', ...))."
    )


# ---------------------------------------------------------------- tuner


@question("tuner")
def test_tuner_objective(submission):
    """make_tuner searches to maximise validation accuracy."""
    tuner = submission.make_tuner(lab.fresh_dir("objective"), max_trials=2, seed=0)
    objective = tuner.oracle.objective
    got = (objective.name, objective.direction)
    assert got == ("val_accuracy", "max"), (
        f"the tuner's objective should be val_accuracy, maximized; got {got[0]!r} ({got[1]}). "
        "Hint: objective='val_accuracy' or kt.Objective('val_accuracy', direction='max')."
    )


@question("tuner")
def test_tuner_writes_under_directory(submission):
    """make_tuner keeps its trials under the given directory."""
    directory = lab.fresh_dir("directory")
    tuner = submission.make_tuner(directory, max_trials=2, seed=0)
    project_dir = str(tuner.project_dir)
    assert project_dir.startswith(directory + "/"), (
        f"make_tuner({directory!r}, ...) should keep its files under that directory, but its "
        f"project directory is {project_dir!r}. Hint: pass directory=directory to the tuner."
    )


@question("tuner")
def test_tuner_honours_max_trials(submission):
    """make_tuner runs at most max_trials trials."""
    tuner = submission.make_tuner(lab.fresh_dir("max-trials"), max_trials=2, seed=0)
    statuses = [tuner.oracle.create_trial(f"probe{i}").status for i in range(3)]
    assert statuses == ["RUNNING", "RUNNING", "STOPPED"], (
        f"with max_trials=2 the oracle should hand out 2 trials and then stop; "
        f"the first three requests got {statuses}. Hint: pass max_trials=max_trials to RandomSearch."
    )


@question("tuner")
def test_tuner_is_reproducible_with_seed_0(submission):
    """Two tuners with seed 0 try the same configurations."""
    proposals = []
    for _ in range(2):
        tuner = submission.make_tuner(lab.fresh_dir("seed"), max_trials=3, seed=0)
        proposals.append([dict(tuner.oracle.create_trial(f"probe{i}").hyperparameters.values)
                          for i in range(2)])
    assert proposals[0] == proposals[1], (
        "two tuners made with seed=0 proposed different configurations:\n"
        f"  {proposals[0]}\n  {proposals[1]}\n"
        "Hint: keras-tuner treats seed=0 as 'no seed'; call keras.utils.set_random_seed(seed) "
        "before creating the tuner, and pass seed=seed."
    )


# ---------------------------------------------------------------- table


@question("table")
def test_table_rows_for_completed_trials(submission):
    """trials_table has one row per completed trial with its values and score."""
    tuner = lab.kt(submission).RandomSearch(
        hypermodel=submission.import_module("numpy").asarray,  # a stand-in: no model is built here
        objective="val_accuracy", max_trials=10, seed=0,
        hyperparameters=lab.reference_space(submission), directory=lab.fresh_dir("table"), overwrite=True,
    )
    first, second, running = (tuner.oracle.create_trial(f"t{i}") for i in range(3))
    _complete(tuner, first, 0.75)
    _complete(tuner, second, 0.5)
    rows = submission.trials_table(tuner)
    assert isinstance(rows, list) and len(rows) == 2, (
        f"2 trials completed and 1 is still running: expected a list of 2 rows, got {rows!r}. "
        "Hint: keep only trials whose status is 'COMPLETED'."
    )
    assert all(isinstance(row, dict) and "score" in row and "num_layers" in row for row in rows), (
        f"each row should be a dict with the hyperparameter values and 'score', got {rows!r}"
    )
    scores = sorted(float(row["score"]) for row in rows)
    assert np.allclose(scores, [0.5, 0.75]), (
        f"the rows' scores should be the trials' scores 0.75 and 0.5, got {scores}. Hint: trial.score."
    )


# ---------------------------------------------------------------- best


@question("best")
def test_best_model_trains_the_best_configuration(submission):
    """best_model builds and trains the best trial's configuration."""
    X_train, X_test, y_train, y_test = lab.digits_split()
    tuner = lab.kt(submission).RandomSearch(
        hypermodel=submission.build_model, objective="val_accuracy", max_trials=10, seed=0,
        hyperparameters=lab.reference_space(submission), directory=lab.fresh_dir("best"), overwrite=True,
    )
    other = {**GOOD, "num_layers": 1, "units_0": 32, "learning_rate": 1e-2}
    _complete(tuner, tuner.oracle.create_trial("t0"), 0.90, GOOD)  # the best trial
    _complete(tuner, tuner.oracle.create_trial("t1"), 0.85, other)
    model = submission.fetch_model(submission.best_model(tuner, X_train, y_train))
    import keras

    units = [layer.units for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    assert units == [128, 64, 10], (
        f"the best trial has 2 hidden layers of 128 and 64 units: expected Dense units "
        f"[128, 64, 10], got {units}. Hint: tuner.get_best_hyperparameters(1)[0], then build."
    )
    probs = model.predict(X_test, verbose=0)
    accuracy = float(np.mean(np.argmax(probs, axis=1) == y_test))
    assert accuracy >= 0.95, (
        f"test accuracy of the retrained best model: expected >= 0.95, got {accuracy:.3f}. "
        "Hint: fit on all of X_train, y_train for about 20 epochs."
    )
