import keras


def train_sequence_model(seed=0):
    """Mistake: trains without gradient clipping."""
    keras.utils.set_random_seed(seed)
    X, y = make_adding_data(4000, seed=seed)
    model = build_sequence_model("lstm", clipnorm=None)
    model.fit(X, y, epochs=10, batch_size=128, verbose=0)
    return model
