import keras


def build_xor_model(hidden_units=4):
    """Mistake: the hidden Dense layer has no activation, so the network is logistic regression."""
    model = keras.Sequential([
        keras.Input((2,)),
        keras.layers.Dense(hidden_units),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.1),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model
