"""The Keras config gate: allowlist and parameter budget, checked before anything is built."""

import copy
import json

import pytest

keras = pytest.importorskip("keras")

from autograder.protocol.codec import ProtocolError  # noqa: E402
from autograder.protocol.keras_configs import MAX_PARAMETERS, check_model_config  # noqa: E402

L = keras.layers


def config_of(model) -> dict:
    return json.loads(model.to_json())


def honest_models():
    i = keras.Input((4,))
    functional = keras.Model(i, L.Dense(2)(L.Add()([L.Dense(3, activation="tanh")(i), L.Dense(3)(i)])))
    return {
        "cnn": keras.Sequential([keras.Input((8, 8, 1)), L.RandomFlip("horizontal"), L.RandomRotation(0.1),
                                 L.Conv2D(4, 3, activation="relu", kernel_regularizer=keras.regularizers.l2(1e-3)),
                                 L.BatchNormalization(), L.MaxPooling2D(), L.Flatten(), L.Dropout(0.2), L.Dense(3)]),
        "rnn": keras.Sequential([keras.Input((5, 2)), L.SimpleRNN(3, return_sequences=True), L.LSTM(3, return_sequences=True),
                                 L.GRU(2), L.Dense(1)]),
        "embedding": keras.Sequential([keras.Input((None,), dtype="int32"), L.Embedding(50, 4), L.LSTM(3), L.Dense(1)]),
        "functional": functional,
    }


COMPILATIONS = [
    ("adam", "mse", []),
    ("rmsprop", keras.losses.mean_squared_error, ["mae"]),
    (keras.optimizers.SGD(keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.9), momentum=0.9),
     keras.losses.SparseCategoricalCrossentropy(from_logits=True), [keras.metrics.SparseCategoricalAccuracy()]),
]


@pytest.mark.parametrize("name", ["cnn", "rnn", "embedding", "functional"])
@pytest.mark.parametrize("optimizer, loss, metrics", COMPILATIONS)
def test_honest_models_pass_and_rebuild_compiled(name, optimizer, loss, metrics):
    """Compilation state is kept: the judge evaluates fetched models with their own loss and metrics."""
    model = honest_models()[name]
    model.compile(optimizer=optimizer, loss=loss, metrics=metrics)
    rebuilt = keras.saving.deserialize_keras_object(check_model_config(config_of(model)), safe_mode=True)
    rebuilt.set_weights(model.get_weights())
    assert rebuilt.count_params() == model.count_params()
    assert rebuilt.compiled and type(rebuilt.optimizer) is type(model.optimizer)


def test_functions_outside_keras_are_refused():
    config = small_dense()
    config["compile_config"] = {"loss": {"module": "os", "class_name": "function", "config": "system", "registered_name": "function"}}
    with pytest.raises(ProtocolError, match="outside"):
        check_model_config(config)
    config["compile_config"]["loss"] = {"module": "builtins", "class_name": "function", "config": "__import__", "registered_name": "function"}
    with pytest.raises(ProtocolError, match="outside"):
        check_model_config(config)


def small_dense() -> dict:
    return config_of(keras.Sequential([keras.Input((4,)), L.Dense(4)]))


def test_a_huge_dense_is_refused_before_it_is_built():
    config = config_of(keras.Sequential([keras.Input((4,)), L.Dense(4)]))
    config["config"]["layers"][0]["config"]["batch_shape"] = [None, 40000]
    config["config"]["layers"][1]["config"]["units"] = 40000
    with pytest.raises(ProtocolError, match=str(MAX_PARAMETERS)):
        check_model_config(config)


def test_a_lying_build_config_is_counted():
    config = small_dense()
    config["config"]["layers"][1]["config"]["units"] = 40000
    config["config"]["layers"][1]["build_config"] = {"input_shape": [None, 40000]}
    with pytest.raises(ProtocolError, match="weights"):
        check_model_config(config)


@pytest.mark.parametrize("forge", [
    lambda layer: layer.update(class_name="Lambda"),
    lambda layer: layer.update(module="antigravity"),
    lambda layer: layer.update(registered_name="Custom>Dense"),
    lambda layer: layer["config"].update(kernel_initializer={"module": "os", "class_name": "system", "config": {}}),
])
def test_classes_outside_the_allowlist_are_refused(forge):
    config = small_dense()
    forge(config["config"]["layers"][1])
    with pytest.raises(ProtocolError, match="allowlist|outside"):
        check_model_config(config)


@pytest.mark.parametrize("value", ["4", -1, 10**9, None, [4]])
def test_malformed_sizes_are_refused_not_crashes(value):
    config = small_dense()
    config["config"]["layers"][1]["config"]["units"] = value
    with pytest.raises(ProtocolError):
        check_model_config(config)


def test_deep_or_wide_configs_are_refused():
    config = small_dense()
    deep = current = {}
    for _ in range(100):
        current["a"] = {}
        current = current["a"]
    config["config"]["layers"][1]["config"]["x"] = deep
    with pytest.raises(ProtocolError, match="too large or too deeply"):
        check_model_config(config)
    wide = small_dense()
    wide["config"]["layers"] = wide["config"]["layers"][:1] + [copy.deepcopy(wide["config"]["layers"][1]) for _ in range(300)]
    with pytest.raises(ProtocolError, match="at most"):
        check_model_config(wide)
