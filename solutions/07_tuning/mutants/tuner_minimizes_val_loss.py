import keras
import keras_tuner as kt


def make_tuner(directory, max_trials=10, seed=0):
    """Mistake: tunes on val_loss (minimized), not on val_accuracy."""
    keras.utils.set_random_seed(seed)
    return kt.RandomSearch(hypermodel=build_model, objective="val_loss", max_trials=max_trials,
                           seed=seed, directory=directory, project_name="digits_mlp", overwrite=True)
