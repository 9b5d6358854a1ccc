import numpy as np
import keras
import tensorflow as tf


def gradient_norms(activation, depth=10, width=32, seed=0):
    """Mistake: returns the norms in backpropagation order, output layer first."""
    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((256, width)).astype("float32")
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
    return [float(tf.norm(g)) for g in reversed(grads)]
