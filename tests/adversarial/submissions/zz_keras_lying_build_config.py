"""Attack: a forged Keras model that looks small (a 4-wide input, a 4-unit Dense) but whose
layer carries its own build_config with a 40000-wide input and 40000 units: Keras builds a
layer from its build_config, allocating 6.4 GB on the judge. Sent as the reply to add(2, 3).

Expected: refused by the parameter budget (which counts every shape a layer may be built
with) before anything is allocated; max score 5. Graded only in the memory-capped run.
"""
import json

import autograder.worker.dispatcher as DISPATCHER

import numpy as np

ORIGINAL = DISPATCHER.pack
STATE = {"forge": False}


def _model():
    source = {"module": "keras.layers", "class_name": "InputLayer", "registered_name": None,
              "config": {"batch_shape": [None, 4], "dtype": "float32", "name": "x"}}
    dense = {"module": "keras.layers", "class_name": "Dense", "registered_name": None,
             "config": {"name": "huge", "units": 40000}, "build_config": {"input_shape": [None, 40000]}}
    return {"module": "keras", "class_name": "Sequential", "registered_name": None,
            "config": {"name": "forged", "layers": [source, dense]}}


def pack(body, blobs):
    if STATE["forge"] and isinstance(body, dict) and "ok" in body:
        STATE["forge"] = False
        return ORIGINAL({"ok": {"$k": [json.dumps(_model()), []]}}, [])
    return ORIGINAL(body, blobs)



def _install():
    DISPATCHER.pack = pack
    return True


INSTALLED = _install()  # an ALL_CAPS constant: extraction keeps it, so it runs at import


def add(a, b):
    if a == 2:
        STATE["forge"] = True
    return a + b


def scale(x, k):
    return np.asarray(x) * k
