import keras


def build_model(hp):
    """Mistake: the natural loop, declaring units_i only for the layers built, which the lab
    calls a pitfall: the tuner's first look at the space sees units_0 only."""
    num_layers = hp.Int("num_layers", min_value=1, max_value=4)
    dropout = hp.Float("dropout", min_value=0.0, max_value=0.5, step=0.1)
    learning_rate = hp.Choice("learning_rate", [1e-2, 1e-3, 1e-4])
    model = keras.Sequential([keras.Input((64,))])
    for i in range(num_layers):
        units = hp.Int(f"units_{i}", min_value=16, max_value=256, step=16)
        model.add(keras.layers.Dense(units, activation="relu"))
        model.add(keras.layers.Dropout(dropout))
    model.add(keras.layers.Dense(10, activation="softmax"))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
