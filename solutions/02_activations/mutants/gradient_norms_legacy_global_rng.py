import keras
import numpy as np
import tensorflow as tf


def gradient_norms(activation, depth=10, width=32, seed=0):
    """Mistake: draws the batch from numpy's legacy global generator (np.random.seed +
    np.random.randn) instead of np.random.default_rng(seed): reproducible, statistically alike,
    but not the batch the recipe defines."""
    keras.utils.set_random_seed(seed)
    np.random.seed(seed)
    X = np.random.randn(256, width).astype("float32")
    y = (X.sum(axis=1, keepdims=True) > 0).astype("float32")
    model = keras.Sequential(
        [keras.Input((width,))]
        + [keras.layers.Dense(width, activation=activation) for _ in range(depth)]
        + [keras.layers.Dense(1, activation="sigmoid")]
    )
    kernels = [layer.kernel for layer in model.layers]
    with tf.GradientTape() as tape:
        loss = keras.losses.BinaryCrossentropy()(y, model(X, training=True))
    grads = tape.gradient(loss, kernels)
    return [float(tf.norm(g)) for g in grads]
