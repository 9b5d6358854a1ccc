import numpy as np
import keras


def symmetric_units(model):
    """Mistake: compares only unit 0 with unit 1."""
    dense = next(layer for layer in model.layers if isinstance(layer, keras.layers.Dense))
    kernel, bias = dense.get_weights()
    return bool(np.allclose(kernel[:, 0], kernel[:, 1]) and np.isclose(bias[0], bias[1]))
