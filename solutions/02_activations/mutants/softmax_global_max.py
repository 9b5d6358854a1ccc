import numpy as np


def softmax(z, axis=-1):
    """Mistake: subtracts the maximum of the whole array, not of each slice along `axis`.

    Right for most inputs, but a row whose logits are all far below another row's maximum
    underflows to 0 / 0 = nan.
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - np.max(z))
    return e / np.sum(e, axis=axis, keepdims=True)
