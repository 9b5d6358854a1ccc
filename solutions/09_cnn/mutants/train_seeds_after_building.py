import keras
import numpy as np


def train_cnn(X_train, y_train, seed=0):
    """Mistake: the seed is set after the model is built, so its initial weights are not seeded."""
    X_train = np.asarray(X_train, dtype="float32")
    model = build_cnn(input_shape=X_train.shape[1:], num_classes=10)
    keras.utils.set_random_seed(seed)
    model.fit(X_train, np.asarray(y_train), epochs=20, batch_size=64, verbose=0)
    return model
