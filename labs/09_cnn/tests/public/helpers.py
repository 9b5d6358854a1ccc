"""Helpers shared by lab 09's public and hidden tests (released with the public tests)."""

import functools

import numpy as np


POOLING = ("MaxPooling2D", "AveragePooling2D", "GlobalMaxPooling2D", "GlobalAveragePooling2D")
FLATTENING = ("Flatten", "GlobalMaxPooling2D", "GlobalAveragePooling2D")


def arr(x):
    """x as a float64 numpy array."""
    return np.asarray(x, dtype=np.float64)


def lab_digits():
    """The lab's split, built here: (X_train, X_test, y_train, y_test), fresh copies each call."""
    return tuple(part.copy() for part in _lab_split())


@functools.lru_cache(maxsize=1)
def _lab_split():
    """The split itself, once per process (scikit-learn reads the digits from disk)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    X = (digits.images / 16.0).astype("float32")[..., np.newaxis]
    return tuple(train_test_split(X, digits.target, test_size=0.25, random_state=0, stratify=digits.target))


def flat_layers(model):
    """The model's layers in order, nested models expanded, input layers left out."""
    import keras

    out = []
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            out += flat_layers(layer)
        elif type(layer).__name__ != "InputLayer":
            out.append(layer)
    return out


def layer_names(model):
    """The class names of the model's layers, in order (see flat_layers)."""
    return [type(layer).__name__ for layer in flat_layers(model)]


def is_relu_layer(layer):
    """Whether `layer` is a plain ReLU (a ReLU layer or a relu Activation)."""
    name, config = type(layer).__name__, layer.get_config()
    if name == "ReLU":
        return (config.get("negative_slope", 0) == 0 and config.get("max_value") is None
                and config.get("threshold", 0) == 0)
    return name == "Activation" and config.get("activation") == "relu"


def outputs(model, x):
    """The model's outputs for x, inference mode (a direct call: no tracing)."""
    return arr(model(x, training=False))


def confident_factor(model, x):
    """How much to scale the last Dense layer so that the logits spread by about 4 per row.

    Scaling the last Dense layer scales the logits; for softmax outputs the logits are
    log(p) up to a constant per row. Confident outputs make the two readings of the outputs
    (probabilities or logits) give very different losses."""
    out = outputs(model, x)
    probabilities = bool(np.all(out >= 0) and np.allclose(out.sum(axis=1), 1, atol=1e-4))
    logits = np.log(np.clip(out, 1e-30, None)) if probabilities else out
    spread = float(np.mean(logits.std(axis=1)))
    return 4.0 / max(spread, 1e-3)


def scaled_copy(model, factor):
    """A copy of `model` whose last Dense layer's weights are multiplied by `factor`."""
    import keras

    copy = keras.models.clone_model(model)
    copy.set_weights(model.get_weights())
    last = [layer for layer in flat_layers(copy) if type(layer).__name__ == "Dense"][-1]
    last.set_weights([w * factor for w in last.get_weights()])
    return copy


def hp_with_values(submission, values):
    """keras_tuner.HyperParameters, made in the worker, holding `values` (an empty space)."""
    kt_remote = submission.import_module("keras_tuner")
    return kt_remote.HyperParameters.from_config({"space": [], "values": values})
