import numpy as np
import keras


class EarlyStoppingRestore(keras.callbacks.Callback):
    """Mistake: `wait > patience` waits one epoch too many."""

    def __init__(self, monitor="val_loss", patience=5, min_delta=0.0):
        super().__init__()
        self.monitor = monitor
        self.patience = int(patience)
        self.min_delta = abs(float(min_delta))

    def on_train_begin(self, logs=None):
        self.best = np.inf
        self.best_weights = None
        self.wait = 0

    def on_epoch_end(self, epoch, logs=None):
        current = float(logs[self.monitor])
        if current < self.best - self.min_delta:
            self.best, self.wait = current, 0
            self.best_weights = self.model.get_weights()
            return
        self.wait += 1
        if self.wait > self.patience:
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.best_weights is not None:
            self.model.set_weights(self.best_weights)
