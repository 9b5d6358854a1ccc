"""Attack: make the judge deserialize Keras objects of the worker's choosing. Replies to the
hidden tests become "models" whose configs hold a Lambda layer (code), a layer from an
arbitrary module ("os"/"system" as an initializer: imported by Keras' deserializer), and a
registered custom class.

Expected: each config is refused before Keras sees it (allowlist); those tests fail, the
rest is graded. Score between 3 and 4.
"""
import json

import autograder.worker.dispatcher as DISPATCHER

import numpy as np

ORIGINAL = DISPATCHER.pack
STATE = {"kind": None}


def _model(layer):
    source = {"module": "keras.layers", "class_name": "InputLayer", "registered_name": None,
              "config": {"batch_shape": [None, 4], "dtype": "float32", "name": "x"}}
    return {"module": "keras", "class_name": "Sequential", "registered_name": None,
            "config": {"name": "forged", "layers": [source, layer]}}


LAYERS = {
    "lambda": {"module": "keras.layers", "class_name": "Lambda", "registered_name": None,
               "config": {"name": "l", "function": {"class_name": "__lambda__", "config": {"code": "ZQ=="}}}},
    "module": {"module": "keras.layers", "class_name": "Dense", "registered_name": None,
               "config": {"name": "d", "units": 2, "kernel_initializer": {"module": "os", "class_name": "system",
                                                                           "config": {}, "registered_name": None}}},
    "custom": {"module": "keras.layers", "class_name": "Dense", "registered_name": "Adversarial>Dense",
               "config": {"name": "c", "units": 2}},
}


def pack(body, blobs):
    if STATE["kind"] and isinstance(body, dict) and "ok" in body:
        kind, STATE["kind"] = STATE["kind"], None
        return ORIGINAL({"ok": {"$k": [json.dumps(_model(LAYERS[kind])), []]}}, [])
    return ORIGINAL(body, blobs)



def _install():
    DISPATCHER.pack = pack
    return True


INSTALLED = _install()  # an ALL_CAPS constant: extraction keeps it, so it runs at import


def add(a, b):
    if a == -7:
        STATE["kind"] = "lambda"
    return a + b


def scale(x, k):
    if k == -1.5:
        STATE["kind"] = "module"
    elif k == 3.0:
        STATE["kind"] = "custom"
    return np.asarray(x) * k
