# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 07: Hyperparameter tuning with keras-tuner: depth, width, dropout
#
# Gradient descent learns the *parameters* of a network: its weights and biases. Everything
# else you decided before pressing "fit" is a **hyperparameter**: how many hidden layers, how
# many units in each, how much dropout, which learning rate. Gradient descent cannot learn
# them (the loss is not even a differentiable function of "number of layers"), so we search:
# train several configurations, score each one on data it did not train on, keep the best.
#
# In this lab you describe a search space for a digit classifier with
# [keras-tuner](https://keras.io/keras_tuner/), run a small random search, turn its results into
# a table and plots, and retrain the winner.
#
# **Learning goals.** After this lab you can
# 1. tell parameters from hyperparameters, and say why they are chosen on a *validation* set;
# 2. explain why random search beats grid search when only a few hyperparameters matter, and
#    compute how many random trials you need to land near the best configuration;
# 3. write a keras-tuner search space (`hp.Int`, `hp.Float`, `hp.Choice`) whose depth, width,
#    dropout and learning rate are tunable, and avoid its "units of deeper layers" pitfall;
# 4. create a seeded tuner, read its trials back as a table, and plot score against depth,
#    width and dropout;
# 5. rebuild and retrain the best configuration, and evaluate it once on the test set.
#
# **How this notebook is graded.** Fill in the functions marked with
# `raise NotImplementedError`. After each one, a `check("...")` cell runs the public tests for
# that question. The grader only looks at your imports, function and class definitions (and
# ALL_CAPS constants), so the search, the plots and the experiments are for you: they are not
# graded, and they can use your functions freely. The grader never runs a full search: it
# drives your tuner for two or three tiny trials, so keep `max_trials` an honest argument.

# %%
from autograder.notebook import lab_tools
check, check_all, export = lab_tools("07_tuning")

# %%
import time

import numpy as np
import matplotlib.pyplot as plt
import keras
import keras_tuner as kt
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

# %% [markdown]
# ## 1. The data and the three-way split
#
# We use scikit-learn's `digits`: 1,797 grey images of handwritten digits, $8\times 8$ pixels
# with values $0..16$, flattened to 64 features, 10 classes. We scale the pixels to $[0, 1]$ by
# dividing by 16 and keep a quarter of the images as a **test set**.
#
# Tuning needs a *third* set. If we picked the hyperparameters that score best on the test set,
# the test score would no longer be an honest estimate: we would have fitted the test set with
# our choices. So the search scores every trial on a **validation set** carved out of the
# training data (`validation_split=0.2` in `fit`), and the test set is used exactly once, at the
# very end.
#
# The split is fixed by the two constants below; the grader uses the same split.

# %%
TEST_SIZE = 0.25
SPLIT_SEED = 0
NUM_FEATURES = 64
NUM_CLASSES = 10


def load_digits_split():
    """The lab's digits split: `(X_train, X_test, y_train, y_test)`.

    Pixels divided by 16 (values in [0, 1], float32), labels 0..9 (int),
    `train_test_split(test_size=TEST_SIZE, random_state=SPLIT_SEED)`. Given, not graded.
    """
    X, y = load_digits(return_X_y=True)
    X = (X / 16.0).astype("float32")
    return train_test_split(X, y, test_size=TEST_SIZE, random_state=SPLIT_SEED)


X_train, X_test, y_train, y_test = load_digits_split()
print("train", X_train.shape, "test", X_test.shape, "classes", np.bincount(y_train))

# %% [markdown]
# ## 2. Why random search?
#
# **Grid search** tries every combination of a few values per hyperparameter. With 4
# hyperparameters and 5 values each that is already $5^4 = 625$ trainings, and it has a worse
# flaw: if only one hyperparameter really matters (often the learning rate), a $5\times5$ grid
# spends 25 trainings to try just **5** distinct values of it.
#
# **Random search** draws every hyperparameter independently for each trial. 25 random trials
# try 25 distinct learning rates *and* 25 distinct widths (Bergstra and Bengio, 2012). A simple
# calculation says how many trials we need. Call a configuration "good" if it is in the best
# fraction $q$ of the search space (say the top 5%, $q = 0.05$). One random trial misses the
# good region with probability $1 - q$, and $n$ independent trials all miss it with probability
# $(1-q)^n$. So
#
# $$P(\text{at least one good trial among } n) = 1 - (1 - q)^n,$$
#
# and asking for this to be at least $p$ gives
#
# $$n \;\ge\; \frac{\ln(1 - p)}{\ln(1 - q)}.$$
#
# For $q = 0.05$ and $p = 0.95$: $n \ge \ln 0.05 / \ln 0.95 \approx 58.4$, so **59 trials**,
# however many hyperparameters there are. This does not depend on the dimension of the space:
# that is the reason random search scales where a grid does not.

# %%
def trials_needed(q, p):
    """Smallest n with 1 - (1 - q)**n >= p."""
    return int(np.ceil(np.log(1 - p) / np.log(1 - q)))


for q in (0.10, 0.05, 0.01):
    print(f"top {q:.0%} of the space with 95% probability: {trials_needed(q, 0.95)} trials")

n = np.arange(1, 101)
fig, ax = plt.subplots(figsize=(6.5, 3.8))
for q in (0.10, 0.05, 0.01):
    ax.plot(n, 1 - (1 - q) ** n, label=f"top {q:.0%}")
ax.axhline(0.95, color="k", linestyle="--", linewidth=1)
ax.set_xlabel("number of random trials $n$")
ax.set_ylabel("P(at least one trial in the top $q$)")
ax.set_title("random search: chance to hit a good configuration")
ax.legend()
plt.show()

# %% [markdown]
# ### Scales: linear steps and log choices
#
# Not every hyperparameter lives on a linear scale. Going from 16 to 32 units doubles a layer,
# going from 240 to 256 barely changes it; still, a step of 16 units over $[16, 256]$ is a fine
# grid for a layer this small. The learning rate is different: $10^{-2}$, $10^{-3}$ and $10^{-4}$
# behave as differently as "too fast", "about right" and "too slow", and what matters is the
# *order of magnitude*. That is why learning rates are drawn on a log scale: here, as a
# `Choice` among three powers of ten.
#
# ### How much capacity does a configuration have?
#
# A Dense layer from $n_\text{in}$ to $n_\text{out}$ units has $(n_\text{in} + 1)\,n_\text{out}$
# parameters (the $+1$ is the bias). For hidden widths $u_1, \dots, u_L$ between our 64 inputs
# and 10 outputs, with $u_0 = 64$ and $u_{L+1} = 10$,
#
# $$P = \sum_{l=1}^{L+1} (u_{l-1} + 1)\, u_l .$$
#
# Our space reaches from $65\cdot 16 + 17\cdot 10 = 1{,}210$ parameters (one layer of 16) to
# $65\cdot256 + 3\cdot 257\cdot256 + 257\cdot 10 = 216{,}586$ (four layers of 256): a factor of
# about 180 in capacity, for 1,347 training images. Dropout is the counterweight: during
# training a `Dropout(rate)` layer zeroes each unit with probability `rate` and scales the
# survivors by $1/(1-\text{rate})$, so the expected activation is unchanged,
#
# $$E[\tilde h] = (1-\text{rate})\cdot\frac{h}{1-\text{rate}} + \text{rate}\cdot 0 = h,$$
#
# while no unit can rely on any particular other unit being present.

# %%
def mlp_params(units, n_in=NUM_FEATURES, n_out=NUM_CLASSES):
    """Number of parameters of an MLP with hidden widths `units` (a helper for this section)."""
    sizes = [n_in, *units, n_out]
    return sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:]))


print(mlp_params([16]), mlp_params([256] * 4))

# %% [markdown]
# ## 3. The search space: `build_model(hp)`
#
# keras-tuner asks you for a function that takes a `HyperParameters` object `hp` and returns a
# compiled model. Every time you *ask* `hp` for a value, you also *declare* it:
#
# ```python
# n = hp.Int("num_layers", min_value=1, max_value=4)                # 1, 2, 3 or 4
# u = hp.Int("units_0", min_value=16, max_value=256, step=16)        # 16, 32, ..., 256
# r = hp.Float("dropout", min_value=0.0, max_value=0.5, step=0.1)    # 0.0, 0.1, ..., 0.5
# lr = hp.Choice("learning_rate", [1e-2, 1e-3, 1e-4])
# ```
#
# While searching, the tuner fills `hp` with one sampled value per name and calls your function;
# outside a search each call returns the default (the minimum, or the first choice).
#
# **The pitfall.** The tuner learns the search space by calling `build_model` once with the
# defaults, *before* the first trial. If you write the natural loop
# `for i in range(hp.Int("num_layers", 1, 4)): hp.Int(f"units_{i}", ...)`, that first call has
# `num_layers = 1` and declares only `units_0`: the first trial that samples 3 layers meets
# `units_1` and `units_2` for the first time and uses their default, 16 units. The fix used
# below is to declare all four widths on every call, and use only the first `num_layers` of
# them. (keras-tuner also has `hp.conditional_scope` for this; you may use it.)
#
# The model itself: input of 64 features, then for each hidden layer $i$ a
# `Dense(units_i, activation="relu")` followed by a `Dropout(dropout)`, then a
# `Dense(10, activation="softmax")`. Compile with `Adam(learning_rate)`,
# `loss="sparse_categorical_crossentropy"` (labels are integers 0..9) and
# `metrics=["accuracy"]`: Keras then reports `val_accuracy` on the validation split, which is
# what the tuner will maximize.

# %%
def build_model(hp):
    """A compiled digits classifier whose architecture is read from `hp`.

    Hyperparameters (names exactly as written, declared on every call):
    - `num_layers`: `hp.Int`, 1..4 — the number of hidden layers;
    - `units_0`, `units_1`, `units_2`, `units_3`: `hp.Int`, 16..256 with step 16 — the width
      of hidden layer i (only the first `num_layers` are used; declare all four so the tuner
      knows them from the start);
    - `dropout`: `hp.Float`, 0.0..0.5 with step 0.1 — the rate of the `Dropout` layer that
      follows *every* hidden `Dense` layer;
    - `learning_rate`: `hp.Choice` among 1e-2, 1e-3, 1e-4 — for `keras.optimizers.Adam`.

    Model: `keras.Input((64,))`, then per hidden layer `Dense(units_i, activation="relu")` and
    `Dropout(dropout)`, then `Dense(10, activation="softmax")`. Compiled with
    `loss="sparse_categorical_crossentropy"` and `metrics=["accuracy"]`.
    """
    ### BEGIN SOLUTION
    num_layers = hp.Int("num_layers", min_value=1, max_value=4)
    units = [hp.Int(f"units_{i}", min_value=16, max_value=256, step=16) for i in range(4)]
    dropout = hp.Float("dropout", min_value=0.0, max_value=0.5, step=0.1)
    learning_rate = hp.Choice("learning_rate", [1e-2, 1e-3, 1e-4])

    model = keras.Sequential([keras.Input((NUM_FEATURES,))])
    for i in range(num_layers):
        model.add(keras.layers.Dense(units[i], activation="relu"))
        model.add(keras.layers.Dropout(dropout))
    model.add(keras.layers.Dense(NUM_CLASSES, activation="softmax"))
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model
    ### END SOLUTION


# %% [markdown]
# Build it once with the defaults and look at what it declared. `hp.get_config()["space"]` is
# a plain list describing each hyperparameter.

# %%
hp = kt.HyperParameters()
model = build_model(hp)
for entry in hp.get_config()["space"]:
    config = entry["config"]
    details = {k: v for k, v in config.items() if k in ("min_value", "max_value", "step", "values")}
    print(f"{entry['class_name']:7s} {config['name']:14s} {details}")
model.summary()

# %% [markdown]
# The grader reads your search space the same way. It also fixes values with `hp.Fixed`
# before calling `build_model`, and counts the layers of the model you return:

# %%
hp = kt.HyperParameters()
for name, value in {"num_layers": 3, "units_0": 128, "units_1": 64, "units_2": 32,
                    "units_3": 16, "dropout": 0.2, "learning_rate": 1e-3}.items():
    hp.Fixed(name, value)
model = build_model(hp)
print([f"{type(layer).__name__}({getattr(layer, 'units', getattr(layer, 'rate', ''))})"
       for layer in model.layers])
print("parameters:", model.count_params(), "=", mlp_params([128, 64, 32]))

# %%
check("space")

# %%
check("model")

# %% [markdown]
# ## 4. The tuner
#
# A keras-tuner *tuner* couples three things: the hypermodel (`build_model`), an **oracle** that
# proposes hyperparameter values (random sampling, for `RandomSearch`), and a directory where it
# records every trial (hyperparameters, metrics, a checkpoint of the weights).
#
# * `objective="val_accuracy"`: each trial is scored by its best validation accuracy over the
#   epochs, and higher is better. (Scoring on `accuracy` would reward memorizing the training
#   set; `val_loss` would need `direction="min"`.)
# * `max_trials`: how many configurations to try. The grader calls your `make_tuner` with
#   `max_trials=2` and expects exactly that budget to be respected.
#   (`keras_tuner.Hyperband` decides the number of trials itself from `max_epochs`, so it cannot
#   honour `max_trials`: use `RandomSearch` here.)
# * `seed`: the oracle's random generator, so that the same seed proposes the same sequence of
#   configurations. **Pitfall:** keras-tuner reads its seed as `seed or random.randint(1, 10000)`,
#   so `seed=0`, our default, counts as "no seed" and draws a random one from Python's `random`
#   module. Calling `keras.utils.set_random_seed(seed)` first (it seeds Python's `random`, numpy
#   and TensorFlow) makes every seed, 0 included, reproducible.
# * `directory` and `project_name`: everything is written to `directory/project_name`. With
#   `overwrite=True` a new tuner starts a fresh search instead of reloading an old one.

# %%
def make_tuner(directory, max_trials=10, seed=0):
    """A `keras_tuner.RandomSearch` over `build_model`, maximizing `val_accuracy`.

    - at most `max_trials` trials, sampled by an oracle seeded with `seed`: the same seed must
      propose the same configurations, also for `seed=0` (keras-tuner alone treats 0 as "no
      seed": call `keras.utils.set_random_seed(seed)` before creating the tuner);
    - writes only under `directory` (give it a `project_name` of your choice) and starts a
      fresh search each time (`overwrite=True`).
    Returns the tuner; it does not run the search.
    """
    ### BEGIN SOLUTION
    keras.utils.set_random_seed(seed)  # keras-tuner turns seed=0 into a random seed otherwise
    return kt.RandomSearch(
        hypermodel=build_model,
        objective=kt.Objective("val_accuracy", direction="max"),
        max_trials=max_trials,
        seed=seed,
        directory=directory,
        project_name="digits_mlp",
        overwrite=True,
    )
    ### END SOLUTION


# %%
check("tuner")

# %% [markdown]
# ### Running the search
#
# `tuner.search` takes the same arguments as `model.fit`. Each trial builds a fresh model with
# new hyperparameters, trains it for a few epochs and records its best `val_accuracy`. We keep
# it short (8 trials of 3 epochs, about half a minute on a laptop); in a real project you
# would give each trial more epochs and the search more trials, or let `Hyperband` stop poor
# trials early.

# %%
SEARCH_DIR = "tuning_runs"
tuner = make_tuner(SEARCH_DIR, max_trials=8, seed=0)
tuner.search_space_summary()
started = time.time()
tuner.search(X_train, y_train, validation_split=0.2, epochs=3, batch_size=64, verbose=0)
print(f"search took {time.time() - started:.1f} s")

# %% [markdown]
# ## 5. Reading the results: `trials_table`
#
# `tuner.oracle.trials` is a dict `{trial_id: Trial}`. Each `Trial` has
# * `trial.status`: `"COMPLETED"` for a trial that trained and was scored; a trial can also be
#   `"RUNNING"` (started, not finished), `"INVALID"` or `"FAILED"` (training crashed), and those
#   have no score;
# * `trial.hyperparameters.values`: a dict `{name: value}`;
# * `trial.score`: the objective of the trial (here its best `val_accuracy`).
#
# A list of plain dicts is the most convenient format for what follows: easy to print, sort,
# filter, plot or hand to `pandas.DataFrame`.

# %%
def trials_table(tuner):
    """One dict per COMPLETED trial of `tuner`: its hyperparameter values plus its score.

    Each row holds every entry of `trial.hyperparameters.values` (same names, same values) and
    `"score"`: the trial's objective value `trial.score`, a float. Trials that are not
    completed (running, invalid, failed) are left out. Extra keys (e.g. `"trial_id"`) are fine;
    the order of the rows is up to you (best first is handy for printing).
    Returns a list of dicts (an empty list when no trial has completed).
    """
    ### BEGIN SOLUTION
    rows = []
    for trial_id, trial in tuner.oracle.trials.items():
        if trial.status != "COMPLETED":
            continue
        row = dict(trial.hyperparameters.values)
        row["score"] = float(trial.score)
        row["trial_id"] = trial_id
        rows.append(row)
    rows.sort(key=lambda row: row["score"], reverse=True)
    return rows
    ### END SOLUTION


# %%
check("table")

# %% [markdown]
# The table of our search, best first. For a model with `num_layers` hidden layers only
# `units_0 .. units_{num_layers-1}` were used; the others were sampled but ignored, so we print
# only the used ones.

# %%
def used_units(row):
    """The widths a row's model actually used."""
    return [row[f"units_{i}"] for i in range(row["num_layers"]) if f"units_{i}" in row]


table = trials_table(tuner)
print(f"{'score':>6s} {'layers':>6s}  {'units':22s} {'dropout':>7s} {'lr':>7s} {'params':>8s}")
for row in table:
    units = used_units(row)
    print(f"{row['score']:6.3f} {row['num_layers']:6d}  {str(units):22s} {row['dropout']:7.1f} "
          f"{row['learning_rate']:7.0e} {mlp_params(units):8d}")

# %% [markdown]
# ### Score against depth, width and dropout
#
# Three views of the same trials. Each point is one trial, coloured by its learning rate: with
# so few trials, the learning rate usually explains more of the spread than depth, width or
# dropout do. That is the situation where random search shines, as section 2 argued.

# %%
lr_colors = {1e-2: "tab:red", 1e-3: "tab:green", 1e-4: "tab:blue"}
views = {
    "depth (num_layers)": lambda row: row["num_layers"],
    "width (mean units of the used layers)": lambda row: np.mean(used_units(row)),
    "dropout rate": lambda row: row["dropout"],
}
fig, axes = plt.subplots(1, 3, figsize=(15, 4), sharey=True)
for ax, (label, x_of) in zip(axes, views.items()):
    for lr, color in lr_colors.items():
        rows = [row for row in table if np.isclose(row["learning_rate"], lr)]
        ax.scatter([x_of(row) for row in rows], [row["score"] for row in rows],
                   color=color, label=f"lr = {lr:g}", s=45, alpha=0.8)
    ax.set_xlabel(label)
    ax.grid(alpha=0.3)
axes[0].set_ylabel("best val_accuracy of the trial")
axes[0].legend()
fig.suptitle("random search on digits: one point per trial")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 6. The winner: `best_model`
#
# The search trained every trial on 80% of the training set for a few epochs. To get the final
# model we take the best trial's hyperparameters, **rebuild** a fresh model from them (with the
# tuner's hypermodel, i.e. your `build_model`), and train it on the whole training set for
# longer. Only then do we touch the test set, once.
#
# `tuner.get_best_hyperparameters(num_trials=1)[0]` returns the `HyperParameters` of the best
# completed trial (the highest score, since the objective is maximized).

# %%
def best_model(tuner, X_train, y_train, epochs=20, seed=0):
    """A model rebuilt from the tuner's best hyperparameters and trained on all of X_train.

    - hyperparameters: those of the best completed trial of `tuner`;
    - rebuild a fresh model from them with the tuner's hypermodel (`tuner.hypermodel.build(hp)`)
      or `build_model(hp)`; do not reload a checkpoint of the search;
    - `keras.utils.set_random_seed(seed)`, then `fit` on `(X_train, y_train)`: it must reach at
      least 0.95 accuracy on the lab's test split. For sensible hyperparameters (say two layers
      of 128 and 64 units, learning rate 1e-3), 20 epochs with batch size 32 do that easily.
    Returns the trained, compiled model.
    """
    ### BEGIN SOLUTION
    keras.utils.set_random_seed(seed)
    hp = tuner.get_best_hyperparameters(num_trials=1)[0]
    model = tuner.hypermodel.build(hp)
    model.fit(X_train, y_train, epochs=epochs, batch_size=32, verbose=0)
    return model
    ### END SOLUTION


# %%
check("best")

# %%
started = time.time()
final = best_model(tuner, X_train, y_train)
test_loss, test_acc = final.evaluate(X_test, y_test, verbose=0)
best_row = trials_table(tuner)[0]
print(f"trained in {time.time() - started:.1f} s")
print(f"best trial: val_accuracy {best_row['score']:.3f} (3 epochs, 80% of the training set)")
print(f"final model: test accuracy {test_acc:.3f}")

# %% [markdown]
# A last caution. The best validation score is the *maximum* of many noisy scores, so it tends
# to be optimistic: with enough trials, some configuration gets lucky on the validation set.
# The test accuracy of the retrained model is the number to report; here it is usually higher
# than the trial's validation score only because the final model trains longer on more data.
#
# ## Check yourself
#
# 1. A grid search uses 4 values for each of 3 hyperparameters. How many trainings does it
#    need, and how many distinct learning rates does it try? How many would 64 random trials try?
# 2. How many random trials give a 99% chance of at least one configuration in the top 2% of
#    the space? (Use $n \ge \ln(1-p)/\ln(1-q)$.)
# 3. Why must the tuner's objective be `val_accuracy` rather than `accuracy`? What would the
#    search favour otherwise?
# 4. With the natural loop `for i in range(hp.Int("num_layers", 1, 4))`, which widths would the
#    first 3-layer trial use, and why? How does declaring all four `units_i` up front fix it?
#
# ## Summary
#
# * Hyperparameters are chosen by search, scored on a validation set; the test set is used once.
# * Random search needs about $\ln(1-p)/\ln(1-q)$ trials to reach the top $q$ of the space with
#   probability $p$, independently of the number of hyperparameters.
# * `hp.Int`, `hp.Float` and `hp.Choice` declare the space while building the model; declare
#   every hyperparameter on every call (or use conditional scopes).
# * A seeded `RandomSearch` maximizing `val_accuracy`, writing under its own directory, makes the
#   search reproducible; `tuner.oracle.trials` holds the results.
# * The winner is rebuilt from its hyperparameters and retrained on all the training data.

# %% [markdown]
# ## Submit
#
# `check_all()` runs every question's public tests once more. `export()` then writes the file to
# upload, named after the lab, from the cells you ran (what `check` judged), and says where it
# is; in Colab your browser downloads it too. Upload that file to your course's submission page.

# %%
check_all()
export()
