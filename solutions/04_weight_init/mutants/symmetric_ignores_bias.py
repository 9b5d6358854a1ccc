import numpy as np
import keras


def symmetric_units(model):
    """Mistake: compares the kernel columns but forgets the biases."""
    dense = next(layer for layer in model.layers if isinstance(layer, keras.layers.Dense))
    kernel = np.asarray(dense.kernel)
    return bool(np.allclose(kernel, kernel[:, :1]))
