"""Keras models as plain data: architecture JSON plus weight arrays, rebuilt in safe mode."""

from __future__ import annotations

from typing import Any

from autograder.protocol.codec import Decoder, Encoder, ProtocolError

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
    """Rebuild a model from its config (safe mode: no lambdas, no unknown classes)."""
    import json

    import keras

    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], str)):
        raise ProtocolError("bad model payload")
    config_json, weight_docs = payload
    if not isinstance(weight_docs, list):
        raise ProtocolError("bad model weights")
    weights = [decoder.decode(doc) for doc in weight_docs]
    model = keras.saving.deserialize_keras_object(json.loads(config_json), safe_mode=True)
    model.set_weights(weights)
    return model
