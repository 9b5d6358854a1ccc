import numpy as np


def clip_by_global_norm(grads, max_norm):
    """Mistake: clips every array to max_norm on its own, which changes the update's direction."""
    grads = [np.asarray(g, dtype=np.float64) for g in grads]
    global_norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    clipped = [g * (max_norm / max(np.linalg.norm(g), max_norm)) for g in grads]
    return clipped, global_norm
