import keras
import numpy as np
from sklearn.datasets import load_digits


def train_cnn(X_train, y_train, seed=0):
    """Mistake: ignores the data it is given and trains on all of load_digits (test split included)."""
    keras.utils.set_random_seed(seed)
    digits = load_digits()
    X = (digits.images / 16.0).astype("float32")[..., np.newaxis]
    model = build_cnn(input_shape=X.shape[1:], num_classes=10)
    model.fit(X, digits.target, epochs=20, batch_size=64, verbose=0)
    return model
