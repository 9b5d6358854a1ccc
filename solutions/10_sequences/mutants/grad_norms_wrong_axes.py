import numpy as np
import tensorflow as tf


def timestep_gradient_norms(model, X):
    """Mistake: takes the norm over the time and feature axes (one norm per sequence) instead of
    over the batch and feature axes (one norm per time step)."""
    x = tf.convert_to_tensor(np.asarray(X, dtype=np.float32))
    with tf.GradientTape() as tape:
        tape.watch(x)
        total = tf.reduce_sum(model(x, training=False))
    grad = np.asarray(tape.gradient(total, x), dtype=np.float64)
    return np.sqrt((grad**2).sum(axis=(1, 2)))
