"""Helpers shared by lab 07's public and hidden tests (released with the public tests)."""

import uuid


def kt(submission):
    """keras_tuner, imported in the worker."""
    return submission.import_module("keras_tuner")


def fixed_hp(submission, values):
    """HyperParameters (made in the worker) with every name in `values` fixed to its value."""
    hp = kt(submission).HyperParameters()
    for name, value in values.items():
        hp.Fixed(name, value)
    return hp


def space(hp):
    """{name: (class_name, config)} of every hyperparameter declared in `hp`."""
    return {e["config"]["name"]: (e["class_name"], e["config"]) for e in hp.get_config()["space"]}


LR_CHOICES = (1e-2, 1e-3, 1e-4)


def fresh_dir(tag):
    """A directory name of its own for every tuner (the directory is created by the tuner)."""
    return f"/tmp/kt-{tag}-{uuid.uuid4().hex[:10]}"


_SPLIT = {}


def digits_split():
    """The lab's digits split (X_train, X_test, y_train, y_test), made once per process."""
    if not _SPLIT:
        from sklearn.datasets import load_digits
        from sklearn.model_selection import train_test_split

        X, y = load_digits(return_X_y=True)
        X = (X / 16.0).astype("float32")
        _SPLIT["data"] = train_test_split(X, y, test_size=0.25, random_state=0)
    return _SPLIT["data"]


def reference_space(submission):
    """The lab's search space, declared by the test in a HyperParameters object in the worker."""
    hp = kt(submission).HyperParameters()
    hp.Int("num_layers", 1, 4)
    for i in range(4):
        hp.Int(f"units_{i}", 16, 256, step=16)
    hp.Float("dropout", 0.0, 0.5, step=0.1)
    hp.Choice("learning_rate", list(LR_CHOICES))
    return hp
