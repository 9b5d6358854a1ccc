import keras


def train_sequence_model(seed=0):
    """Mistake: stops after 2 epochs, long before the LSTM has learned the adding problem."""
    keras.utils.set_random_seed(seed)
    X, y = make_adding_data(4000, seed=seed)
    model = build_sequence_model("lstm", clipnorm=1.0)
    model.fit(X, y, epochs=2, batch_size=128, verbose=0)
    return model
