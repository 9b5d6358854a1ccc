"""Correct implementations other than the instructor's keep full marks on their questions."""

from __future__ import annotations

import pytest

from autograder.extract import extract_definitions, read_code_cells
from autograder.grading import grade_submission
from autograder.lab import find_lab
from autograder.mutants import mutate
from autograder.notebooks.generate import solution_source
from autograder.sandbox.choose import choose_backend
from autograder.submissions import Submission

CONDITIONAL_SCOPE_BUILD = '''
import keras


def build_model(hp):
    """The widths declared under hp.conditional_scope, which the lab allows."""
    num_layers = hp.Int("num_layers", min_value=1, max_value=4)
    units = []
    for i in range(4):
        with hp.conditional_scope("num_layers", list(range(i + 1, 5))):
            units.append(hp.Int(f"units_{i}", min_value=16, max_value=256, step=16))
    dropout = hp.Float("dropout", min_value=0.0, max_value=0.5, step=0.1)
    learning_rate = hp.Choice("learning_rate", [1e-2, 1e-3, 1e-4])
    model = keras.Sequential([keras.Input((64,))])
    for width in units[:num_layers]:
        model.add(keras.layers.Dense(width, activation="relu"))
        model.add(keras.layers.Dropout(dropout))
    model.add(keras.layers.Dense(10, activation="softmax"))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
'''

FUNCTIONAL_GRADIENT_NORMS = '''
import keras
import numpy as np
import tensorflow as tf


def gradient_norms(activation, depth=10, width=32, seed=0):
    """The recipe with the functional API, the loss as a mean of per-sample losses, numpy norms."""
    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((256, width)).astype("float32")
    y = (X.sum(axis=1, keepdims=True) > 0).astype("float32")
    inputs = keras.Input((width,))
    h, dense = inputs, []
    for _ in range(depth):
        dense.append(keras.layers.Dense(width, activation=activation))
        h = dense[-1](h)
    dense.append(keras.layers.Dense(1, activation="sigmoid"))
    model = keras.Model(inputs, dense[-1](h))
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(keras.losses.binary_crossentropy(y, model(X)))
    grads = tape.gradient(loss, [layer.kernel for layer in dense])
    return [float(np.linalg.norm(np.asarray(g, dtype=np.float64))) for g in grads]
'''

KERAS_ACTIVATION_STDS = '''
import inspect

import keras
import numpy as np


def activation_stds(init, activation, depth=20, width=256, seed=0):
    """The recipe with Keras' own activations (which the lab allows) and a seed check by signature."""
    f = keras.activations.get(activation)
    h = np.random.default_rng(seed).standard_normal((1000, width))
    stds = []
    for i in range(depth):
        seeded = "seed" in inspect.signature(init).parameters
        W = np.asarray(init((width, width), seed=seed + 1 + i) if seeded else init((width, width)))
        h = np.asarray(f(h @ W))
        stds.append(float(h.std()))
    return stds
'''

LOGITS_TRAIN_CNN = '''
import keras
import numpy as np


def train_cnn(X_train, y_train, seed=0):
    """The functional API, logits out, its own seeded shuffling with numpy, batches of 32."""
    keras.utils.set_random_seed(seed)
    order = np.random.default_rng(seed).permutation(len(X_train))
    X, y = np.asarray(X_train, dtype="float32")[order], np.asarray(y_train)[order]
    inputs = keras.Input(X.shape[1:])
    h = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    h = keras.layers.MaxPooling2D()(h)
    h = keras.layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    h = keras.layers.MaxPooling2D()(h)
    model = keras.Model(inputs, keras.layers.Dense(10)(keras.layers.Flatten()(h)))
    model.compile(optimizer=keras.optimizers.Adam(2e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    model.fit(X, y, epochs=20, batch_size=32, shuffle=False, verbose=0)
    return model
'''

ALTERNATIVES = [
    ("07_tuning", "conditional_scope", CONDITIONAL_SCOPE_BUILD, ("space", "model")),
    ("02_activations", "functional_gradient_norms", FUNCTIONAL_GRADIENT_NORMS, ("gradient_norms",)),
    ("04_weight_init", "keras_activation_stds", KERAS_ACTIVATION_STDS, ("activation_stds",)),
    ("09_cnn", "logits_train_cnn", LOGITS_TRAIN_CNN, ("train",)),
]


@pytest.mark.slow
@pytest.mark.parametrize(("lab_id", "name", "definitions", "questions"), ALTERNATIVES, ids=[a[1] for a in ALTERNATIVES])
def test_an_alternative_correct_implementation_keeps_full_marks(lab_id, name, definitions, questions):
    lab = find_lab(lab_id)
    source = solution_source(lab)
    module = mutate(extract_definitions(read_code_cells(source.name, source.read_bytes())).module_source, definitions)
    backend = choose_backend(lab)
    try:
        for question in questions:
            result = grade_submission(lab, Submission(name, f"{name}.py", module.encode()), backend, only_question=question)
            scored = {q.id: (q.score, q.max_score) for q in result.questions}[question]
            failing = [f"{t.name}: {t.message[:200]}" for t in result.tests if not t.passed]
            assert scored[0] == scored[1], f"{name} lost points on {question}: {failing}"
    finally:
        backend.close()
