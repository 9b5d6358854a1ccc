import keras
import keras_tuner as kt


def make_tuner(directory, max_trials=10, seed=0):
    """Mistake: scores trials by training accuracy, which rewards memorizing the training set."""
    keras.utils.set_random_seed(seed)
    return kt.RandomSearch(hypermodel=build_model, objective="accuracy", max_trials=max_trials,
                           seed=seed, directory=directory, project_name="digits_mlp", overwrite=True)
