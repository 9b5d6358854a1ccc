import numpy as np


def compute_fans(shape):
    """Mistake: treats every kernel with more than 2 axes as (kh, kw, c_in, c_out)."""
    shape = tuple(int(d) for d in shape)
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive_field = shape[0] * shape[1]
    return shape[-2] * receptive_field, shape[-1] * receptive_field
