import numpy as np
import keras


class EarlyStoppingRestore(keras.callbacks.Callback):
    """Mistake: stops at the right epoch but keeps the last epoch's weights."""

    def __init__(self, monitor="val_loss", patience=5, min_delta=0.0):
        super().__init__()
        self.monitor = monitor
        self.patience = int(patience)
        self.min_delta = abs(float(min_delta))

    def on_train_begin(self, logs=None):
        self.best = np.inf
        self.wait = 0

    def on_epoch_end(self, epoch, logs=None):
        current = float(logs[self.monitor])
        if current < self.best - self.min_delta:
            self.best, self.wait = current, 0
            return
        self.wait += 1
        if self.wait >= self.patience:
            self.model.stop_training = True
