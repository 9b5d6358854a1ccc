import keras


def build_sequence_model(kind="lstm", units=32, length=None, n_features=N_FEATURES,
                         learning_rate=0.02, clipnorm=1.0):
    """Mistake: flattens the sequence into one vector and uses Dense layers, no recurrent layer
    (fixed length, no weight sharing over time)."""
    model = keras.Sequential([
        keras.Input((length or SEQ_LEN, n_features)),
        keras.layers.Flatten(),
        keras.layers.Dense(units, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate, clipnorm=clipnorm),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    return model
