"""Helpers shared by lab 10's public and hidden tests (released with the public tests)."""

import numpy as np


SEQ_LEN = 20


def arr(x):
    """x as a float64 numpy array."""
    return np.asarray(x, dtype=np.float64)


def predict(model, X):
    """The model's outputs for X, computed here (an eager call: faster than predict for small X)."""
    return np.asarray(model(np.asarray(X, dtype=np.float32)), dtype=np.float64)


def adding_data(n, length=SEQ_LEN, seed=0):
    """The lab's adding problem (the same rule as the notebook's make_adding_data)."""
    rng = np.random.default_rng(seed)
    values = rng.uniform(0.0, 1.0, size=(n, length))
    markers = np.zeros((n, length))
    marked = np.argsort(rng.random((n, length)), axis=1)[:, :2]
    np.put_along_axis(markers, marked, 1.0, axis=1)
    X = np.stack([values, markers], axis=-1).astype("float32")
    y = ((values * markers).sum(axis=1) > 1.0).astype("float32")
    return X, y


def recurrent_layers(model):
    """The recurrent (keras.layers.RNN) layers of a fetched model."""
    import keras

    return [layer for layer in model.layers if isinstance(layer, keras.layers.RNN)]


def trained(submission):
    """train_sequence_model(seed=0): its optimizer's clipping settings and the fetched model.

    One training per submission serves the public and the hidden train tests: the result (or the
    student's error, raised again inside every train test so that it is reported as the
    student's) is memoized on the trusted submission proxy itself. Not a fixture: an error in a
    fixture reads as a grader error, and fixtures cannot outlive one test here.
    """
    cache = vars(submission).setdefault("_lab10_trained", {})
    if not cache:
        try:
            remote = submission.train_sequence_model(seed=0)
            clips = {name: getattr(remote.optimizer, name) for name in ("clipnorm", "global_clipnorm", "clipvalue")}
            cache["result"] = (clips, submission.fetch_model(remote))
            cache["remote"] = remote
        except Exception as error:
            cache["error"] = error
    if "error" in cache:
        raise cache["error"]
    return cache["result"]


def trained_remote(submission):
    """The model `trained` fetched, as it lives in the submission's worker."""
    trained(submission)
    return vars(submission)["_lab10_trained"]["remote"]
