"""Public tests for lab 09 (CNNs in Keras: architecture, augmentation, tuning).

Run them from the notebook with `check("QUESTION_ID")`. They check shapes, the layer
structure and a few simple values; the hidden tests check the same functions more thoroughly.
"""

import numpy as np

from autograder.testing import lab_helpers, question

lab = lab_helpers(__file__)


def _blocks(model):
    """For every Conv2D: (has a ReLU before its pooling, name of its pooling layer or None)."""
    layers = lab.flat_layers(model)
    blocks = []
    for i, layer in enumerate(layers):
        if type(layer).__name__ != "Conv2D":
            continue
        activation = layer.get_config().get("activation")
        relu, pool = activation == "relu", None
        for following in layers[i + 1:]:
            name = type(following).__name__
            if name in lab.POOLING:
                pool = name
                break
            if name in ("Conv2D", "Dense") or name in lab.FLATTENING:
                break
            if lab.is_relu_layer(following) and activation in ("linear", None):
                relu = True
        blocks.append((relu, pool))
    return blocks


def _loss_matches_outputs(model, input_shape, num_classes):
    """(loss computed by the model's loss, expected loss for its outputs, outputs are probabilities)."""
    import keras

    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, (64, *input_shape)).astype("float32")
    y = rng.integers(0, num_classes, 64)
    out = lab.outputs(lab.scaled_copy(model, lab.confident_factor(model, x)), x)
    assert out.shape == (64, num_classes), out.shape
    probabilities = bool(np.all(out >= 0) and np.allclose(out.sum(axis=1), 1, atol=1e-4))
    p = out if probabilities else np.exp(out - out.max(axis=1, keepdims=True))
    p = p / p.sum(axis=1, keepdims=True)
    if probabilities:
        expected = -np.mean(np.log(np.clip(p[np.arange(64), y], 1e-7, 1.0)))
    else:
        log_p = out - out.max(axis=1, keepdims=True)
        log_p = log_p - np.log(np.exp(log_p).sum(axis=1, keepdims=True))
        expected = -np.mean(log_p[np.arange(64), y])
    loss = model.loss  # clone_model does not copy the compiled loss
    loss = keras.losses.get(loss) if isinstance(loss, str) else loss
    got = float(np.mean(np.asarray(loss(y, out))))
    return got, float(expected), probabilities


# ---------------------------------------------------------------- build_cnn


@question("cnn")
def test_cnn_output_and_budget(submission):
    """build_cnn maps (8, 8, 1) images to 10 classes within the parameter budget."""
    model = submission.fetch_model(submission.build_cnn())
    assert tuple(model.output_shape) == (None, 10), (
        f"build_cnn(): expected output shape (None, 10), got {model.output_shape}. "
        "Hint: end with Dense(num_classes)."
    )
    assert tuple(model.input_shape) == (None, 8, 8, 1), (
        f"build_cnn(): expected input shape (None, 8, 8, 1), got {model.input_shape}. "
        "Hint: start with keras.Input(shape=input_shape)."
    )
    params = model.count_params()
    assert params <= 50_000, (
        f"build_cnn(): expected at most 50,000 parameters, got {params:,}. "
        "Hint: pooling shrinks what Flatten passes to the first Dense layer; use fewer units there."
    )


@question("cnn")
def test_cnn_conv_relu_pool_blocks(submission):
    """Every Conv2D in build_cnn is followed by a ReLU, in conv-ReLU-pool blocks."""
    model = submission.fetch_model(submission.build_cnn())
    names = lab.layer_names(model)
    blocks = _blocks(model)
    assert blocks, f"expected at least one Conv2D layer, got the layers {names}"
    assert all(relu for relu, _ in blocks), (
        f"every Conv2D must be followed by a ReLU (activation='relu' or a ReLU layer); "
        f"layers: {names}, conv activations: "
        f"{[l.get_config()['activation'] for l in lab.flat_layers(model) if type(l).__name__ == 'Conv2D']}"
    )
    assert all(pool for _, pool in blocks), (
        f"every Conv2D block must end with a pooling layer (MaxPooling2D or AveragePooling2D) "
        f"before the next Conv2D or the classifier; got the layers {names}"
    )
    assert names[-1] in ("Dense", "Activation", "Softmax") and "Dense" in names, (
        f"the model should end with the dense classifier, got the layers {names}"
    )


@question("cnn")
def test_cnn_compiled_loss_agrees_with_output(submission):
    """build_cnn is compiled with a loss that matches its output (probabilities or logits)."""
    model = submission.fetch_model(submission.build_cnn())
    assert model.compiled and model.loss is not None, (
        "build_cnn() must return a compiled model: call model.compile(optimizer=..., loss=..., "
        "metrics=['accuracy']) before returning it"
    )
    got, expected, probabilities = _loss_matches_outputs(model, (8, 8, 1), 10)
    kind = "probabilities (softmax)" if probabilities else "logits (no softmax)"
    assert abs(got - expected) <= 1e-3 * max(1.0, expected), (
        f"your model outputs {kind}; the cross-entropy of those outputs with integer labels is "
        f"{expected:.4f}, but your compiled loss gives {got:.4f}. Hint: softmax outputs go with "
        "loss='sparse_categorical_crossentropy'; logits with "
        "keras.losses.SparseCategoricalCrossentropy(from_logits=True)."
    )


# ---------------------------------------------------------------- augmentation


@question("augmentation")
def test_augmentation_is_a_sequential_of_random_layers(submission):
    """augmentation is a keras.Sequential of random preprocessing layers."""
    aug = submission.augmentation()
    assert aug.type_name == "Sequential", (
        f"augmentation() should return a keras.Sequential, got a {aug.type_name}"
    )
    names = [layer.type_name for layer in aug.layers]
    names = [name for name in names if name != "InputLayer"]
    assert names, "augmentation() returned a Sequential without layers"
    assert all(name.startswith("Random") for name in names), (
        f"use only Keras' random preprocessing layers (RandomTranslation, RandomRotation, ...), "
        f"got {names}"
    )


@question("augmentation")
def test_augmentation_identity_at_inference(submission):
    """augmentation leaves images unchanged at inference."""
    X = lab.lab_digits()[0][:16]
    out = lab.arr(submission.augmentation()(X, training=False))
    assert out.shape == X.shape, f"expected output shape {X.shape}, got {out.shape}"
    assert np.allclose(out, X, atol=1e-6), (
        f"with training=False the augmentation must return its input unchanged; "
        f"the largest change was {np.abs(out - X).max():.4f}"
    )


@question("augmentation")
def test_augmentation_changes_images_in_training(submission):
    """augmentation changes images in training."""
    X = lab.lab_digits()[0][:32]
    out = lab.arr(submission.augmentation()(X, training=True))
    assert out.shape == X.shape, f"expected output shape {X.shape}, got {out.shape}"
    changed = np.mean(np.abs(out - X).reshape(len(X), -1).max(axis=1) > 1e-3)
    assert changed >= 0.2, (
        f"with training=True the augmentation should change the images of a batch; "
        f"it changed {changed:.0%} of 32 digits. Hint: are the factors of your layers 0?"
    )


# ---------------------------------------------------------------- train_cnn


@question("train")
def test_train_cnn_reaches_95_percent(submission):
    """train_cnn(seed=0) reaches 95% accuracy."""
    X_train, X_test, y_train, y_test = lab.lab_digits()
    model = submission.train_cnn(X_train, y_train, seed=0)
    scores = lab.arr(model.predict(X_test, verbose=0))
    assert scores.shape == (len(X_test), 10), (
        f"model.predict(X_test) should give one row of 10 scores per image, shape "
        f"{(len(X_test), 10)}, got {scores.shape}"
    )
    accuracy = np.mean(scores.argmax(axis=1) == y_test)
    assert accuracy >= 0.95, (
        f"expected at least 95% accuracy on the lab's test split, got {accuracy:.1%}. "
        "Hint: train for more epochs (about 20 with Adam and batch size 64), and check your "
        "model's output and loss agree."
    )


# ---------------------------------------------------------------- build_cnn_hypermodel


@question("hypermodel")
def test_hypermodel_default_search_space(submission):
    """build_cnn_hypermodel returns a compiled model and declares num_blocks, filters_0 and dropout."""
    hp = lab.hp_with_values(submission, {})
    model = submission.fetch_model(submission.build_cnn_hypermodel(hp))
    assert tuple(model.output_shape) == (None, 10), (
        f"expected output shape (None, 10), got {model.output_shape}"
    )
    assert model.compiled, "build_cnn_hypermodel(hp) must return a compiled model"
    names = {p["config"]["name"] for p in hp.get_config()["space"]}
    for expected in ("num_blocks", "filters_0", "dropout"):
        assert expected in names, (
            f"the search space should contain '{expected}', got {sorted(names)}. "
            "Hint: ask hp.Int('num_blocks', 1, 3), hp.Int(f'filters_{i}', 8, 64, step=8) and "
            "hp.Float('dropout', 0.0, 0.5, step=0.1)."
        )


@question("hypermodel")
def test_hypermodel_uses_the_values(submission):
    """build_cnn_hypermodel builds the model the chosen values describe."""
    hp = lab.hp_with_values(submission, {"num_blocks": 2, "filters_0": 16, "filters_1": 32, "dropout": 0.2})
    model = submission.fetch_model(submission.build_cnn_hypermodel(hp))
    layers = lab.flat_layers(model)
    filters = [layer.filters for layer in layers if type(layer).__name__ == "Conv2D"]
    assert filters == [16, 32], (
        f"with num_blocks=2, filters_0=16, filters_1=32 expected Conv2D filters [16, 32], "
        f"got {filters}"
    )
    rates = [layer.rate for layer in layers if type(layer).__name__ == "Dropout"]
    assert rates and np.allclose(rates, 0.2), (
        f"with dropout=0.2 expected Dropout layers with rate 0.2, got rates {rates}"
    )
