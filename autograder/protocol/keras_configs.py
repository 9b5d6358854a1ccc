"""Gate for Keras model configs sent by the worker: an allowlist and a parameter budget.

Checked before anything is deserialized or built on the trusted side: every object in the
config must be a plain Keras class of the allowlist (no custom objects, no Lambda, no module
of the sender's choosing), and the weights that building the model would allocate are
counted from the config (shapes propagated with Keras' own `compute_output_shape` on unbuilt
layers, weight counts from each layer class's formula) and must fit the budget. Keras builds
a layer from its own `build_config` as well as from the propagated shape: both are counted.
Compilation state (optimizer, loss, metrics) is kept, so a fetched model can be evaluated,
and its classes are allowlisted the same way.
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable

from autograder.protocol.codec import ProtocolError

MAX_CONFIG_CHARS = 1 << 20
MAX_CONFIG_NODES = 50_000
MAX_CONFIG_DEPTH = 24
MAX_LAYERS = 256
MAX_PARAMETERS = 20_000_000
MAX_DIMENSION = 1 << 20
MAX_SAMPLE_ELEMENTS = 1 << 26

MODEL_CLASSES = {("keras", "Sequential"), ("keras.src.models.sequential", "Sequential"),
                 ("keras.src.models.functional", "Functional"), ("keras", "Functional")}
SUPPORT_CLASSES = {
    "keras": {"DTypePolicy"},
    "keras.initializers": {"GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal", "LecunUniform", "LecunNormal",
                           "RandomUniform", "RandomNormal", "TruncatedNormal", "Zeros", "Ones", "Constant",
                           "Orthogonal", "Identity", "VarianceScaling"},
    "keras.regularizers": {"L1", "L2", "L1L2", "OrthogonalRegularizer"},
    "keras.constraints": {"MaxNorm", "MinMaxNorm", "NonNeg", "UnitNorm"},
    "keras.optimizers": {"Adam", "AdamW", "SGD", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "Ftrl", "Lion"},
    "keras.optimizers.schedules": {"ExponentialDecay", "PiecewiseConstantDecay", "PolynomialDecay", "InverseTimeDecay",
                                   "CosineDecay", "CosineDecayRestarts"},
    "keras.losses": {"BinaryCrossentropy", "BinaryFocalCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy",
                     "MeanSquaredError", "MeanAbsoluteError", "MeanSquaredLogarithmicError", "Huber", "LogCosh", "Hinge",
                     "SquaredHinge", "CategoricalHinge", "KLDivergence", "Poisson", "CosineSimilarity"},
    "keras.metrics": {"Accuracy", "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy", "TopKCategoricalAccuracy",
                      "SparseTopKCategoricalAccuracy", "AUC", "Precision", "Recall", "MeanSquaredError", "MeanAbsoluteError",
                      "RootMeanSquaredError", "Mean", "BinaryCrossentropy", "CategoricalCrossentropy",
                      "SparseCategoricalCrossentropy"},
    None: {"__keras_tensor__"},
}
# a loss, metric or activation given as a function: Keras looks its name up in its own registry
FUNCTION_MODULES = {"builtins", "keras.losses", "keras.metrics", "keras.activations"}
_FUNCTION_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")
WeightCount = Callable[[dict, tuple], int]


def _bias(config: dict) -> int:
    return 1 if config.get("use_bias", True) else 0


def _channels(config: dict, shape: tuple) -> int:
    return shape[1] if config.get("data_format") == "channels_first" else shape[-1]


def _conv(config: dict, shape: tuple) -> int:
    kernel = config["kernel_size"]
    area = math.prod(kernel) if isinstance(kernel, list) else kernel ** (len(shape) - 2)
    filters = _positive(config["filters"])
    return filters * area * _channels(config, shape) // _positive(config.get("groups", 1)) + filters * _bias(config)


def _normalized_width(config: dict, shape: tuple) -> int:
    axes = config.get("axis", -1)
    return math.prod(shape[axis] for axis in (axes if isinstance(axes, list) else [axes]))


def _recurrent(gates: int) -> WeightCount:
    def count(config: dict, shape: tuple) -> int:
        units = _positive(config["units"])
        biases = gates * units * _bias(config) * (2 if gates == 3 and config.get("reset_after", True) else 1)
        return gates * units * (shape[-1] + units) + biases

    return count


def _no_weights(config: dict, shape: tuple) -> int:
    return 0


WEIGHTED_LAYERS: dict[str, WeightCount] = {
    "Dense": lambda c, s: _positive(c["units"]) * (s[-1] + _bias(c)),
    "Conv1D": _conv, "Conv2D": _conv, "Conv3D": _conv,
    "BatchNormalization": lambda c, s: (2 + bool(c.get("center", True)) + bool(c.get("scale", True))) * _normalized_width(c, s),
    "LayerNormalization": lambda c, s: (bool(c.get("center", True)) + bool(c.get("scale", True))) * _normalized_width(c, s),
    "Embedding": lambda c, s: _positive(c["input_dim"]) * _positive(c["output_dim"]),
    "SimpleRNN": _recurrent(1), "LSTM": _recurrent(4), "GRU": _recurrent(3),
}
WEIGHTLESS_LAYERS = {
    "InputLayer", "Flatten", "Reshape", "Permute", "RepeatVector", "Dropout", "SpatialDropout1D", "SpatialDropout2D",
    "GaussianNoise", "GaussianDropout", "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax",
    "MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D", "GlobalMaxPooling1D", "GlobalMaxPooling2D",
    "GlobalAveragePooling1D", "GlobalAveragePooling2D", "ZeroPadding1D", "ZeroPadding2D", "Cropping1D", "Cropping2D",
    "UpSampling1D", "UpSampling2D", "Rescaling", "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation",
    "RandomContrast", "RandomCrop", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate",
}
LAYER_CLASSES = set(WEIGHTED_LAYERS) | WEIGHTLESS_LAYERS


def _positive(value: Any) -> int:
    if type(value) is not int or not 0 < value <= MAX_DIMENSION:
        raise ProtocolError(f"a layer size is not an integer from 1 to {MAX_DIMENSION}")
    return value


def _shape(value: Any) -> tuple:
    """A batch shape from the config: a list of None or bounded positive ints."""
    if not isinstance(value, (list, tuple)) or not 1 <= len(value) <= 8:
        raise ProtocolError("a model input shape is malformed")
    dims = tuple(None if d is None else _positive(d) for d in value)
    if math.prod(d for d in dims[1:] if d is not None) > MAX_SAMPLE_ELEMENTS:
        raise ProtocolError("a model input is too large")
    return dims


def check_classes(config: Any) -> None:
    """Refuse any class outside the allowlist, anywhere in the config; bound its size and depth."""
    stack, nodes = [(config, 0)], 0
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if nodes > MAX_CONFIG_NODES or depth > MAX_CONFIG_DEPTH:
            raise ProtocolError("the model config is too large or too deeply nested")
        if isinstance(value, dict):
            if "class_name" in value:
                _check_class(value, depth)
            stack += [(item, depth + 1) for item in value.values()]
        elif isinstance(value, list):
            stack += [(item, depth + 1) for item in value]


def _check_class(value: dict, depth: int) -> None:
    module, name = value.get("module"), value.get("class_name")
    function = name == "function" and module in FUNCTION_MODULES and isinstance(value.get("config"), str) \
        and _FUNCTION_NAME.fullmatch(value["config"]) is not None
    allowed = (
        (module, name) in MODEL_CLASSES if depth == 0
        else (module == "keras.layers" and name in LAYER_CLASSES) or name in SUPPORT_CLASSES.get(module, ()) or function
    )
    if not allowed or value.get("registered_name") not in (None, name):
        raise ProtocolError("the model uses a class outside the plain Keras layers the grader rebuilds (no custom objects or Lambda)")


def _instantiate(layer_config: dict) -> Any:
    """The layer, unbuilt (no weights allocated), for shape inference."""
    import keras

    unbuilt = {key: value for key, value in layer_config.items() if key not in ("build_config", "inbound_nodes")}
    return keras.saving.deserialize_keras_object(unbuilt, safe_mode=True)


def _layer_weights(layer_config: dict, input_shapes: list[tuple]) -> tuple[int, Any]:
    """Weights this layer would allocate (from each shape it may be built with), and its output shape."""
    name, config = layer_config["class_name"], layer_config.get("config")
    if not isinstance(config, dict):
        raise ProtocolError("a layer config is malformed")
    shapes = list(input_shapes)
    build_config = layer_config.get("build_config")
    if isinstance(build_config, dict) and isinstance(build_config.get("input_shape"), list):
        recorded = build_config["input_shape"]
        shapes += [_shape(s) for s in recorded] if recorded and isinstance(recorded[0], list) else [_shape(recorded)]
    count = WEIGHTED_LAYERS.get(name, _no_weights)  # an unknown (None) width it needs raises: refused
    weights = sum(count(config, shape) for shape in shapes)
    if not input_shapes:
        return weights, None
    layer = _instantiate(layer_config)
    output = layer.compute_output_shape(input_shapes[0] if len(input_shapes) == 1 else input_shapes)
    return weights, output


def _input_shape(layer_config: dict) -> tuple:
    config = layer_config.get("config") or {}
    return _shape(config.get("batch_shape") or config.get("batch_input_shape"))


def _sequential_weights(config: dict) -> int:
    layers = config.get("layers")
    shape = _shape(config["build_input_shape"]) if config.get("build_input_shape") else None
    total = 0
    for layer_config in layers:
        if layer_config.get("class_name") == "InputLayer":
            shape = _input_shape(layer_config)
            continue
        weights, output = _layer_weights(layer_config, [shape] if shape else [])
        total += weights
        shape = _shape(output) if output is not None else None
    return total


def _references(args: Any) -> list[tuple[str, int, int]]:
    """The keras_history of every tensor in a node's arguments."""
    found, stack = [], [args]
    while stack:
        value = stack.pop()
        if isinstance(value, dict) and value.get("class_name") == "__keras_tensor__":
            history = (value.get("config") or {}).get("keras_history")
            if not (isinstance(history, list) and len(history) == 3 and isinstance(history[0], str)
                    and all(type(i) is int for i in history[1:])):
                raise ProtocolError("a model graph reference is malformed")
            found.append(tuple(history))
        elif isinstance(value, dict):
            stack += list(value.values())
        elif isinstance(value, list):
            stack += value
    return found[::-1]


def _functional_weights(config: dict) -> int:
    outputs: dict[tuple[str, int], list[tuple]] = {}
    total = 0
    for layer_config in config.get("layers"):
        name = layer_config.get("name") or (layer_config.get("config") or {}).get("name")
        if layer_config.get("class_name") == "InputLayer":
            outputs[(name, 0)] = [_input_shape(layer_config)]
            continue
        nodes = layer_config.get("inbound_nodes") or []
        for index, node in enumerate(nodes if isinstance(nodes, list) else []):
            try:
                shapes = [outputs[(layer, node_index)][tensor] for layer, node_index, tensor in _references(node)]
            except (KeyError, IndexError):
                raise ProtocolError("a model graph refers to a layer that is not before it") from None
            weights, output = _layer_weights(layer_config, shapes)
            total += weights
            produced = output if isinstance(output, list) and output and isinstance(output[0], (list, tuple)) else [output]
            outputs[(name, index)] = [_shape(shape) for shape in produced]
        if not nodes:
            total += _layer_weights(layer_config, [])[0]
    return total


def check_model_config(config: Any) -> dict:
    """The config, safe to deserialize: allowlisted classes and at most MAX_PARAMETERS weights."""
    if not isinstance(config, dict):
        raise ProtocolError("a model config must be an object")
    check_classes(config)
    inner = config.get("config")
    if not isinstance(inner, dict) or not isinstance(inner.get("layers"), list) or len(inner["layers"]) > MAX_LAYERS:
        raise ProtocolError(f"a model config must list at most {MAX_LAYERS} layers")
    if not all(isinstance(layer, dict) for layer in inner["layers"]):
        raise ProtocolError("a layer config is malformed")
    try:
        count = _functional_weights(inner) if config["class_name"] == "Functional" else _sequential_weights(inner)
    except ProtocolError:
        raise
    except Exception as error:  # a malformed value anywhere (wrong types, impossible shapes): refuse, never crash
        raise ProtocolError(f"the model config cannot be checked ({type(error).__name__})") from None
    if count > MAX_PARAMETERS:
        raise ProtocolError(f"the model would have {count} weights; the grader rebuilds at most {MAX_PARAMETERS}")
    return config
