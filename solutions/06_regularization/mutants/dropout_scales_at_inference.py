import keras


class InvertedDropout(keras.layers.Layer):
    """Mistake: the original (non-inverted) dropout: no scaling in training, x * (1 - rate) at inference."""

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = float(rate)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, inputs, training=None):
        if not training:
            return inputs * (1.0 - self.rate)
        keep = keras.random.uniform(keras.ops.shape(inputs), seed=self.seed_generator) >= self.rate
        return keras.ops.where(keep, inputs, keras.ops.zeros_like(inputs))
