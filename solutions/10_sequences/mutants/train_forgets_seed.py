import keras


def train_sequence_model(seed=0):
    """Mistake: Keras is never seeded, so two trainings with one seed start from different weights."""
    X, y = make_adding_data(4000, seed=seed)
    model = build_sequence_model("lstm", clipnorm=1.0)
    model.fit(X, y, epochs=10, batch_size=128, verbose=0)
    return model
