import keras


def build_cnn_hypermodel(hp):
    """Mistake: registers num_blocks but always builds two blocks."""
    hp.Int("num_blocks", 1, 3)
    model = keras.Sequential([keras.Input(shape=(8, 8, 1))])
    for i in range(2):
        model.add(keras.layers.Conv2D(hp.Int(f"filters_{i}", 8, 64, step=8), 3, padding="same",
                                      activation="relu"))
        model.add(keras.layers.MaxPooling2D(2))
    model.add(keras.layers.Flatten())
    model.add(keras.layers.Dense(64, activation="relu"))
    model.add(keras.layers.Dropout(hp.Float("dropout", 0.0, 0.5, step=0.1)))
    model.add(keras.layers.Dense(10, activation="softmax"))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=3e-3),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
