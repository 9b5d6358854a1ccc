"""Keras models as plain data: architecture JSON plus weight arrays, rebuilt in safe mode."""

from __future__ import annotations

from typing import Any

from autograder.protocol.codec import Decoder, Encoder, ProtocolError, loads
from autograder.protocol.keras_configs import MAX_CONFIG_CHARS, check_model_config

MODEL_TAG = "$k"


def is_keras_model(value: Any) -> bool:
    """True for a Keras model, without importing Keras when nobody has."""
    if not type(value).__module__.startswith("keras"):
        return False
    import keras

    return isinstance(value, keras.Model)


def encode_model(model: Any, encoder: Encoder) -> dict:
    weights = [encoder.array(weight) for weight in model.get_weights()]
    return {MODEL_TAG: [model.to_json(), weights]}


def decode_model(payload: Any, decoder: Decoder) -> Any:
    """Rebuild a model from its config, once the config passed the allowlist and the parameter
    budget (keras_configs), in safe mode (no lambdas); the weights must fit it exactly."""
    import keras

    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], str)):
        raise ProtocolError("bad model payload")
    config_json, weight_docs = payload
    if not isinstance(weight_docs, list) or len(config_json) > MAX_CONFIG_CHARS:
        raise ProtocolError("bad model payload: weights missing or config too large")
    config = check_model_config(loads(config_json.encode()))
    weights = [decoder.decode(doc) for doc in weight_docs]
    try:
        model = keras.saving.deserialize_keras_object(config, safe_mode=True)
        model.set_weights(weights)
    except Exception as error:  # Keras raises many types for configs and weights that do not fit
        raise ProtocolError(f"the model cannot be rebuilt ({type(error).__name__})") from None
    return model
