import numpy as np
import keras


def symmetric_units(model):
    """Mistake: only recognises an all-zero first layer as symmetric."""
    dense = next(layer for layer in model.layers if isinstance(layer, keras.layers.Dense))
    return bool(np.all(np.asarray(dense.kernel) == 0) and np.all(np.asarray(dense.bias) == 0))
