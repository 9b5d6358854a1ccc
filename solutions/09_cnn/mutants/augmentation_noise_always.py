import keras


def augmentation():
    """Mistake: hand-made noise in a Lambda layer is added at inference too."""
    return keras.Sequential([
        keras.layers.RandomTranslation(0.125, 0.125, fill_mode="constant"),
        keras.layers.RandomRotation(0.04, fill_mode="constant"),
        keras.layers.Lambda(lambda x: x + 0.05 * keras.random.normal(keras.ops.shape(x))),
    ])
