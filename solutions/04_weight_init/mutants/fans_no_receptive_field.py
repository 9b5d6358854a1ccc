import numpy as np


def compute_fans(shape):
    """Mistake: uses only the channel axes of a conv kernel, forgetting the receptive field."""
    shape = tuple(int(d) for d in shape)
    if len(shape) == 1:
        return shape[0], shape[0]
    return shape[-2], shape[-1]
