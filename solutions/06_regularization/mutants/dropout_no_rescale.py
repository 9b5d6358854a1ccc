import keras


class InvertedDropout(keras.layers.Layer):
    """Mistake: zeroes entries in training but does not divide the survivors by (1 - rate)."""

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = float(rate)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, inputs, training=None):
        if not training or self.rate == 0.0:
            return inputs
        keep = keras.random.uniform(keras.ops.shape(inputs), seed=self.seed_generator) >= self.rate
        return keras.ops.where(keep, inputs, keras.ops.zeros_like(inputs))
