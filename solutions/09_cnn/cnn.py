# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 09: Convolutional networks in Keras: architecture, augmentation, tuning
#
# In lab 08 you wrote convolution and pooling by hand. Now we let Keras do the arithmetic and
# think about the questions that matter when you build a real model: how to stack the layers,
# how many parameters that costs, how to make a small data set look bigger without collecting
# new images, and how to let a tuner choose the architecture for you.
#
# We work with scikit-learn's handwritten digits: 1,797 grey-scale images of 8x8 pixels. They
# are tiny, so everything here trains in seconds on a laptop CPU, yet they show every idea you
# need for larger images.
#
# **Learning goals.** After this lab you can
# 1. explain local connectivity, weight sharing and pooling, and count the parameters of a
#    convolutional network by hand;
# 2. build a compiled Keras CNN from Conv -> ReLU -> Pool blocks and a dense classifier, with
#    an output layer that agrees with its loss (probabilities or logits);
# 3. write a data-augmentation pipeline from Keras' random preprocessing layers and explain why
#    it is active during training only;
# 4. train a CNN that reaches at least 95% test accuracy, and read its training curves,
#    confusion matrix, mistakes and first-layer filters;
# 5. write a keras-tuner hypermodel whose number of blocks, filters and dropout are searched.
#
# **How this notebook is graded.** Fill in the functions marked with
# `raise NotImplementedError`. After each one, a `check("...")` cell runs the public tests for
# that question. The grader only looks at your imports and function definitions, so the plots
# and experiments are for you: they are not graded, and they can use your functions freely.
# Use `keras.utils.set_random_seed(seed)` where a function takes a `seed`, so results are
# reproducible. The whole notebook runs in about a minute on two CPU cores.

# %%
from autograder.notebook import lab_tools
check, check_all, export = lab_tools("09_cnn")

# %%
import tempfile

import numpy as np
import matplotlib.pyplot as plt
import keras
import keras_tuner as kt
from sklearn.datasets import load_digits
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import train_test_split

# %% [markdown]
# ## 1. The data: the lab's digits split
#
# Every image becomes an array of shape `(8, 8, 1)`: height, width and one **channel** (a
# colour image would have 3). Keras' `Conv2D` expects this "channels last" layout, with the
# batch in front: `(n, 8, 8, 1)`. The pixel values of `load_digits` run from 0 to 16; we divide
# by 16 so that they lie in $[0, 1]$.
#
# The split below is *the lab's split*: the grader trains your `train_cnn` on exactly these
# training images and measures accuracy on exactly these test images.

# %%
def load_lab_digits():
    """The lab's split: (X_train, X_test, y_train, y_test), images (n, 8, 8, 1) in [0, 1]."""
    digits = load_digits()
    X = (digits.images / 16.0).astype("float32")[..., np.newaxis]
    y = digits.target
    return train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)


X_train, X_test, y_train, y_test = load_lab_digits()
print("train:", X_train.shape, y_train.shape, " test:", X_test.shape, y_test.shape)

fig, axes = plt.subplots(2, 10, figsize=(12, 2.8))
for digit in range(10):
    for row in range(2):
        ax = axes[row, digit]
        ax.imshow(X_train[y_train == digit][row, :, :, 0], cmap="gray_r", vmin=0, vmax=1)
        ax.set_xticks([])
        ax.set_yticks([])
    axes[0, digit].set_title(str(digit))
plt.suptitle("two training images of every class")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 2. Why convolutions, and what a CNN looks like
#
# A Dense layer on an $8\times 8$ image connects every pixel to every unit: it has to learn
# separately that a stroke in the top-left corner looks like the same stroke one pixel to the
# right. A convolutional layer builds two pieces of prior knowledge about images into the
# architecture:
#
# * **local connectivity**: one output looks only at a small $f\times f$ window of the input;
# * **weight sharing**: the same filter slides over every position, so a pattern is detected
#   wherever it occurs (the layer is *translation equivariant*: shift the input, and the
#   feature map shifts with it).
#
# A `Conv2D` layer with $c_\text{out}$ filters of size $f\times f$ on an input with
# $c_\text{in}$ channels has
#
# $$\#\text{params}_\text{conv} = (f\cdot f\cdot c_\text{in} + 1)\cdot c_\text{out}$$
#
# weights (the $+1$ is each filter's bias), *independent of the image size*. A Dense layer from
# $n_\text{in}$ to $n_\text{out}$ units has $(n_\text{in} + 1)\cdot n_\text{out}$.
#
# **Pooling** summarises each $2\times 2$ window by its maximum (or mean) and halves the height
# and width. It has no parameters, makes the features a little insensitive to small shifts, and
# shrinks the input of the next layers, which is where most of the parameters of a CNN hide:
# the first Dense layer after `Flatten` has one weight per (position, channel, unit).
#
# The classic recipe stacks **blocks**
#
# $$\text{Conv2D} \;\to\; \text{ReLU} \;\to\; \text{Pool},$$
#
# each block with more filters and a smaller image, then flattens the last feature maps and
# classifies them with one or two Dense layers. With `padding="same"` a $3\times 3$
# convolution keeps the size, and each $2\times 2$ pooling halves it:
#
# | layer | output shape | parameters |
# |---|---|---|
# | input | $8\times 8\times 1$ | 0 |
# | Conv2D 32 filters $3\times 3$, ReLU | $8\times 8\times 32$ | $(9\cdot 1+1)\cdot 32 = 320$ |
# | MaxPooling2D $2\times 2$ | $4\times 4\times 32$ | 0 |
# | Conv2D 64 filters $3\times 3$, ReLU | $4\times 4\times 64$ | $(9\cdot 32+1)\cdot 64 = 18{,}496$ |
# | MaxPooling2D $2\times 2$ | $2\times 2\times 64$ | 0 |
# | Flatten | $256$ | 0 |
# | Dense 64, ReLU | $64$ | $(256+1)\cdot 64 = 16{,}448$ |
# | Dense 10, softmax | $10$ | $(64+1)\cdot 10 = 650$ |
#
# In total 35,914 parameters. Without the two pooling layers, `Flatten` would give
# $8\cdot 8\cdot 64 = 4096$ features and the first Dense layer alone would need 262,208.
#
# ### Probabilities or logits: the output must agree with the loss
#
# For $K$ classes the network ends in a Dense layer with $K$ units whose outputs $z_k$ are the
# **logits**. Softmax turns them into probabilities, and the (sparse) categorical cross-entropy
# of an example with integer label $y$ is
#
# $$p_k = \frac{e^{z_k}}{\sum_j e^{z_j}}, \qquad \mathcal{L} = -\log p_y
#   = -z_y + \log\sum_j e^{z_j}.$$
#
# Keras offers two consistent ways to write this:
#
# * `Dense(K, activation="softmax")` with `loss="sparse_categorical_crossentropy"` (the output
#   *is* $p$);
# * `Dense(K)` (no activation) with
#   `loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True)` (the output is $z$; the
#   loss applies the softmax itself, in a numerically safer way).
#
# Mixing them up is a classic bug: softmax outputs with `from_logits=True` apply softmax twice
# and squash the gradients; logits with `from_logits=False` are treated as if they were already
# probabilities. The model still "trains", only badly. "Sparse" means the labels are integers
# $0, \dots, K-1$ rather than one-hot vectors.

# %%
def build_cnn(input_shape=(8, 8, 1), num_classes=10):
    """A compiled Keras CNN classifier with at most 50,000 parameters.

    Architecture (in this order):
    - `keras.Input(input_shape)`;
    - one or more blocks, each exactly one `Conv2D` (use `padding="same"`) -> ReLU -> a
      pooling layer (`MaxPooling2D` or `AveragePooling2D`). The ReLU may be the Conv2D's
      `activation="relu"` or a separate `ReLU()` / `Activation("relu")` layer;
      BatchNormalization or Dropout may sit inside a block;
    - `Flatten()` (or a global pooling layer), then the dense classifier: optional hidden
      Dense layers and Dropout, and a final `Dense(num_classes)`.

    Compile it with the Adam optimizer, a sparse categorical cross-entropy loss that agrees
    with your output layer (softmax outputs with `"sparse_categorical_crossentropy"`, or
    logits with `SparseCategoricalCrossentropy(from_logits=True)`), and
    `metrics=["accuracy"]`. Labels are integers 0..num_classes-1.
    For the default arguments the model must have at most 50,000 parameters
    (`model.count_params()`). Returns the compiled `keras.Model`.
    """
    ### BEGIN SOLUTION
    model = keras.Sequential([
        keras.Input(shape=input_shape),
        keras.layers.Conv2D(32, 3, padding="same"),
        keras.layers.ReLU(),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(64, 3, padding="same"),
        keras.layers.ReLU(),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dropout(0.3),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=3e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model
    ### END SOLUTION


# %%
model = build_cnn()
model.summary()
print("parameters:", model.count_params())

# %%
check("cnn")

# %% [markdown]
# ## 3. Data augmentation
#
# 1,347 training images are not many. **Data augmentation** makes new training examples from
# the ones we have by applying transformations that do *not* change the label: a "3" shifted
# one pixel to the left, rotated by a few degrees or drawn a little larger is still a "3".
# Every epoch the network sees a differently transformed copy of each image, so it cannot
# simply memorise pixels, and it learns the invariances we built into the transformations.
#
# Formally, if $T_\theta$ is a random transformation with parameters $\theta$ (a shift, an
# angle, a zoom factor), training with augmentation minimises
#
# $$\frac{1}{n}\sum_{i=1}^{n} \mathbb{E}_{\theta}\,\mathcal{L}\big(f(T_\theta(x_i)),\, y_i\big),$$
#
# the average loss over all transformed versions of each image. A transformation moves pixels
# to non-integer positions: for a shift by $(\delta_x, \delta_y)$, the new pixel at $(u, v)$
# reads the old image at $(u - \delta_x, v - \delta_y)$, interpolated bilinearly between its four
# neighbours, and positions that fall outside the image are filled (here with 0, the
# background).
#
# **Which transformations?** Only those that keep the label. For digits:
# * small translations, rotations and zooms: yes;
# * horizontal or vertical flips: no, a mirrored "2" is not a "2", and a vertical flip or a
#   half-turn rotation makes a "6" look like a "9";
# * big rotations or shifts: no, on an $8\times 8$ image a shift of 2 pixels already pushes
#   strokes off the image.
# For photos of cats, a horizontal flip is fine. Augmentation is domain knowledge.
#
# **Training only.** Keras' random preprocessing layers (`RandomFlip`, `RandomTranslation`,
# `RandomRotation`, `RandomZoom`, `RandomContrast`, ...) transform their input only when they
# are called with `training=True`, which `model.fit` does; `model.predict` and
# `model.evaluate` call them with `training=False`, and then they return their input
# unchanged. We want to measure the model on the real test images, not on distorted ones.

# %%
def augmentation():
    """A `keras.Sequential` of Keras' random preprocessing layers for the 8x8 digits.

    Use only layers whose class name starts with `Random` (`RandomTranslation`,
    `RandomRotation`, `RandomZoom`, `RandomFlip`, `RandomContrast`, ...), at least one of them
    a geometric one (translation, rotation, zoom or flip). Keep the transformations small
    enough for a digit to stay the same digit (a shift of about one pixel, a few degrees).
    Called with `training=True` it must change a batch of images (same shape out); called
    with `training=False` it must return its input unchanged.
    """
    ### BEGIN SOLUTION
    return keras.Sequential([
        keras.layers.RandomTranslation(0.125, 0.125, fill_mode="constant"),
        keras.layers.RandomRotation(0.04, fill_mode="constant"),
        keras.layers.RandomZoom(0.1, fill_mode="constant"),
    ], name="augmentation")
    ### END SOLUTION


# %%
aug = augmentation()
examples = X_train[:6]
fig, axes = plt.subplots(len(examples), 7, figsize=(9, 8))
for row, image in enumerate(examples):
    axes[row, 0].imshow(image[:, :, 0], cmap="gray_r", vmin=0, vmax=1)
    for col in range(1, 6):
        augmented = np.asarray(aug(image[np.newaxis], training=True))[0]
        axes[row, col].imshow(augmented[:, :, 0], cmap="gray_r", vmin=0, vmax=1)
    at_inference = np.asarray(aug(image[np.newaxis], training=False))[0]
    axes[row, 6].imshow(at_inference[:, :, 0], cmap="gray_r", vmin=0, vmax=1)
    axes[row, 0].set_ylabel(f"label {y_train[row]}")
for ax in axes.ravel():
    ax.set_xticks([])
    ax.set_yticks([])
axes[0, 0].set_title("original")
for col in range(1, 6):
    axes[0, col].set_title(f"training {col}")
axes[0, 6].set_title("training=False")
plt.suptitle("augmentation: five random versions per image, and the identity at inference")
plt.tight_layout()
plt.show()

# %%
check("augmentation")

# %% [markdown]
# ## 4. Training the CNN
#
# Now train a model on the lab's training split. A few practical points:
#
# * **Seed first.** `keras.utils.set_random_seed(seed)` seeds Python, numpy and the backend,
#   so the initial weights, the shuffling and dropout are reproducible.
# * **Epochs and batch size.** One epoch is one pass over the data; with 1,347 images and a
#   batch of 64 that is 22 gradient steps. Too few epochs and the model is still underfitting.
# * **Validation.** To choose the number of epochs we watch a validation set (below); once
#   chosen, the final model may train on all the training data. Never tune on the test set.
#
# Your function gets the data as arguments: the grader calls it with the lab's training split
# and, in a hidden test, with labels it has renamed, so do not load the digits inside it.

# %%
def train_cnn(X_train, y_train, seed=0):
    """Train a CNN on `(X_train, y_train)` and return the trained `keras.Model`.

    `X_train` has shape (n, 8, 8, 1) with values in [0, 1]; `y_train` holds integer labels
    0..9. Call `keras.utils.set_random_seed(seed)` first. The returned model's
    `predict(X_test)` gives one row of 10 class scores (probabilities or logits) per image,
    and must reach at least 95% accuracy on the lab's test split. Training must take well
    under a minute on two CPU cores (the grader stops a call after 120 s).
    Train only on the data you are given (do not load the digits here).
    """
    ### BEGIN SOLUTION
    keras.utils.set_random_seed(seed)
    X_train = np.asarray(X_train, dtype="float32")
    y_train = np.asarray(y_train)
    model = build_cnn(input_shape=X_train.shape[1:], num_classes=10)
    model.fit(X_train, y_train, epochs=20, batch_size=64, verbose=0)
    return model
    ### END SOLUTION


# %%
cnn = train_cnn(X_train, y_train, seed=0)
probabilities = cnn.predict(X_test, verbose=0)
predicted = probabilities.argmax(axis=1)
print(f"test accuracy: {np.mean(predicted == y_test):.3f}")

# %%
check("train")

# %% [markdown]
# ### Training curves: how many epochs?
#
# Where did "20 epochs" come from? We train the same architecture once more, keeping 20% of
# the training images aside as a validation set (`validation_split=0.2`), and draw the loss and
# accuracy on both after every epoch. `model.fit` returns them in its `History`.
# The training loss keeps falling; watch where the validation curves flatten out: from there
# on, more epochs mostly memorise the training images (and cost time).

# %%
keras.utils.set_random_seed(0)
history = build_cnn().fit(X_train, y_train, epochs=30, batch_size=64, validation_split=0.2,
                          verbose=0).history
fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
for key in ("loss", "val_loss"):
    axes[0].plot(range(1, 31), history[key], label=key)
for key in ("accuracy", "val_accuracy"):
    axes[1].plot(range(1, 31), history[key], label=key)
axes[0].set_title("loss")
axes[1].set_title("accuracy")
for ax in axes:
    ax.set_xlabel("epoch")
    ax.legend()
    ax.grid(alpha=0.3)
plt.tight_layout()
plt.show()

# %% [markdown]
# ### Where does it go wrong?
#
# The **confusion matrix** counts, for every true class (row), how often the model predicted
# each class (column). The diagonal holds the correct predictions; everything else is a
# mistake, and the pattern of mistakes is often more telling than the accuracy.

# %%
cm = confusion_matrix(y_test, predicted, labels=range(10))
wrong = np.flatnonzero(predicted != y_test)
fig = plt.figure(figsize=(13, 5))
ax = fig.add_subplot(1, 2, 1)
ax.imshow(cm, cmap="Blues")
for i in range(10):
    for j in range(10):
        if cm[i, j]:
            ax.text(j, i, cm[i, j], ha="center", va="center",
                    color="white" if cm[i, j] > cm.max() / 2 else "black", fontsize=8)
ax.set_xticks(range(10))
ax.set_yticks(range(10))
ax.set_xlabel("predicted")
ax.set_ylabel("true")
ax.set_title("confusion matrix (test split)")
for k, index in enumerate(wrong[:8]):
    sub = fig.add_subplot(2, 8, 5 + (k // 4) * 8 + k % 4)
    sub.imshow(X_test[index, :, :, 0], cmap="gray_r", vmin=0, vmax=1)
    sub.set_title(f"true {y_test[index]}, pred {predicted[index]}", fontsize=8)
    sub.set_xticks([])
    sub.set_yticks([])
fig.suptitle(f"{len(wrong)} misclassified test images (right: the first ones)")
plt.tight_layout()
plt.show()

# %% [markdown]
# ### What did the first layer learn?
#
# The first Conv2D layer's kernel has shape `(3, 3, 1, 32)`: 32 filters of $3\times 3$ weights.
# Drawn as tiny images (red positive, blue negative), many look like oriented edge or stroke
# detectors, the same kind of filter you designed by hand in lab 08.

# %%
first_conv = next(layer for layer in cnn.layers if isinstance(layer, keras.layers.Conv2D))
kernel = first_conv.get_weights()[0]
n_filters = kernel.shape[-1]
fig, axes = plt.subplots(2, (n_filters + 1) // 2, figsize=(13, 2.2))
limit = np.abs(kernel).max()
for k, ax in enumerate(axes.ravel()):
    ax.set_xticks([])
    ax.set_yticks([])
    if k < n_filters:
        ax.imshow(kernel[:, :, 0, k], cmap="RdBu_r", vmin=-limit, vmax=limit)
plt.suptitle("filters of the first Conv2D layer")
plt.show()

# %% [markdown]
# ### Does augmentation help?
#
# We train the same architecture with the augmentation in front (inside the model, so it is
# active during `fit` and switched off during `predict`) and test both models on the test
# images as they are and moved by one pixel, which happens to real scans all the time.
# Compare the first pair of bars (the test split as it is) with the others: what does the
# augmented model give up, and what does it gain?

# %%
keras.utils.set_random_seed(0)
base = build_cnn()
augmented_model = keras.Sequential([keras.Input((8, 8, 1)), augmentation(), *base.layers])
augmented_model.compile(optimizer=keras.optimizers.Adam(3e-3),
                        loss="sparse_categorical_crossentropy", metrics=["accuracy"])
augmented_model.fit(X_train, y_train, epochs=20, batch_size=64, verbose=0)


def shifted(images, dx, dy):
    """The images moved by (dx, dy) pixels, filled with background."""
    out = np.zeros_like(images)
    h, w = images.shape[1:3]
    out[:, max(dy, 0):h + min(dy, 0), max(dx, 0):w + min(dx, 0)] = \
        images[:, max(-dy, 0):h + min(-dy, 0), max(-dx, 0):w + min(-dx, 0)]
    return out


shifts = [(0, 0), (1, 0), (-1, 0), (0, 1), (0, -1), (1, 1)]
scores = {"without augmentation": [], "with augmentation": []}
for dx, dy in shifts:
    moved = shifted(X_test, dx, dy)
    for name, m in (("without augmentation", cnn), ("with augmentation", augmented_model)):
        scores[name].append(np.mean(m.predict(moved, verbose=0).argmax(axis=1) == y_test))
positions = np.arange(len(shifts))
fig, ax = plt.subplots(figsize=(8, 3.5))
for offset, (name, values) in zip((-0.2, 0.2), scores.items()):
    ax.bar(positions + offset, values, width=0.4, label=name)
ax.set_xticks(positions, [f"shift {s}" for s in shifts])
ax.set_ylim(0.0, 1.0)
ax.set_ylabel("test accuracy")
ax.legend()
plt.show()

# %% [markdown]
# ## 5. Tuning the architecture with keras-tuner
#
# How many blocks? How many filters? How much dropout? Instead of guessing, we write a
# **hypermodel**: a function that receives a `keras_tuner.HyperParameters` object `hp` and asks
# it for every value it wants tuned, e.g. `hp.Int("num_blocks", 1, 3)`. The first call of
# `hp.Int` registers the hyperparameter in the search space and returns its default; during a
# search the tuner sets the values of every trial before calling the function again.
#
# A hyperparameter can depend on another: `filters_2` only exists when `num_blocks` is 3. If you
# ask for `hp.Int(f"filters_{i}", ...)` inside the loop over blocks, the space grows with the
# number of blocks the tuner has tried.
#
# The size of this search space is
#
# $$\sum_{b=1}^{3} 8^{\,b}\cdot 6 = 6\,(8 + 64 + 512) = 3{,}504$$
#
# architectures (8 filter counts per block, 6 dropout values), far too many to try them all.
# Random search samples a few; a good default is surprisingly hard to beat with a small
# budget, but the search tells you which choices matter.

# %%
def build_cnn_hypermodel(hp):
    """A compiled CNN for the 8x8x1 digits (10 classes) with a tunable architecture.

    Ask `hp` for (exactly these names and ranges):
    - `num_blocks`: `hp.Int("num_blocks", 1, 3)`, the number of Conv -> ReLU -> Pool blocks;
    - `filters_{i}` for each block i = 0, 1, ...: `hp.Int(f"filters_{i}", 8, 64, step=8)`,
      the filters of block i's Conv2D (`padding="same"`, 3x3);
    - `dropout`: `hp.Float("dropout", 0.0, 0.5, step=0.1)`, the rate of every Dropout layer;
      put at least one Dropout layer in the dense classifier.
    Blocks are built as in `build_cnn` (exactly one Conv2D, ReLU, pooling layer each), then
    Flatten, the dense classifier and a final Dense(10). Compile with Adam, a sparse
    categorical cross-entropy that agrees with the output layer and `metrics=["accuracy"]`.
    You may add other hyperparameters (with defaults) if you like.
    """
    ### BEGIN SOLUTION
    model = keras.Sequential([keras.Input(shape=(8, 8, 1))])
    for i in range(hp.Int("num_blocks", 1, 3)):
        filters = hp.Int(f"filters_{i}", 8, 64, step=8)
        model.add(keras.layers.Conv2D(filters, 3, padding="same", activation="relu"))
        model.add(keras.layers.MaxPooling2D(2))
    model.add(keras.layers.Flatten())
    model.add(keras.layers.Dense(64, activation="relu"))
    model.add(keras.layers.Dropout(hp.Float("dropout", 0.0, 0.5, step=0.1)))
    model.add(keras.layers.Dense(10, activation="softmax"))
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=3e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model
    ### END SOLUTION


# %%
hp = kt.HyperParameters()
build_cnn_hypermodel(hp).summary()
print({p.name: type(p).__name__ for p in hp.space})

# %%
check("hypermodel")

# %% [markdown]
# ### A tiny search
#
# We run a random search of five trials of five epochs each, holding out 20% of the training
# data for validation (the tuner maximises `val_accuracy`; the test split stays untouched).
# With a real budget you would run dozens of trials and more epochs, and then retrain the best
# architecture on all the training data.

# %%
keras.utils.set_random_seed(0)
tuner = kt.RandomSearch(
    build_cnn_hypermodel,
    objective="val_accuracy",
    max_trials=5,
    seed=0,
    directory=tempfile.mkdtemp(),
    project_name="cnn_search",
    overwrite=True,
)
tuner.search(X_train, y_train, epochs=5, batch_size=64, validation_split=0.2, verbose=0)
trials = [t for t in tuner.oracle.trials.values() if t.score is not None]
for t in sorted(trials, key=lambda t: -t.score):
    print(f"val_accuracy {t.score:.3f}   {t.hyperparameters.values}")

# %% [markdown]
# A trial's values can list a `filters_1` even when its `num_blocks` is 1: once registered, a
# hyperparameter stays in the space and gets a value in every trial, but the model built for
# that trial never asked for it. (keras-tuner's `hp.conditional_scope` can mark such
# dependencies explicitly.) Five trials of five epochs are a noisy measurement: run it again
# with another seed and the ranking may change.

# %%
blocks = np.array([t.hyperparameters.get("num_blocks") for t in trials])
dropouts = np.array([t.hyperparameters.get("dropout") for t in trials])
widths = np.array([t.hyperparameters.get("filters_0") for t in trials])
scores_t = np.array([t.score for t in trials])
fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
points = axes[0].scatter(blocks, scores_t, c=dropouts, s=3 * widths, cmap="viridis")
axes[0].set_xlabel("num_blocks (marker size: filters_0)")
axes[0].set_ylabel("val_accuracy")
axes[0].set_xticks([1, 2, 3])
fig.colorbar(points, ax=axes[0], label="dropout")
axes[1].bar(range(len(trials)), scores_t)
axes[1].set_xlabel("trial")
axes[1].set_ylabel("val_accuracy")
axes[1].set_ylim(min(0.5, scores_t.min() - 0.05), 1.0)
axes[0].set_title("score against the hyperparameters")
axes[1].set_title("score of every trial")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## Check yourself
#
# 1. A `Conv2D` layer with 16 filters of size $5\times 5$ on an RGB image: how many parameters
#    does it have, and how does that number change if the image is twice as large?
# 2. Your CNN's first Dense layer has most of the parameters. Name two ways to shrink it
#    without removing the Dense layer.
# 3. Why must the augmentation be switched off in `predict`? What would the test accuracy
#    measure if it were not?
# 4. Would `RandomFlip("horizontal")` be a good augmentation for the digits? For photos of
#    street scenes? Why?
#
# ## Summary
#
# * A convolution has $(f^2 c_\text{in} + 1)\,c_\text{out}$ parameters whatever the image size;
#   pooling has none and shrinks what the Dense layers see.
# * Conv -> ReLU -> Pool blocks, then Flatten and a dense classifier; the output layer and the
#   loss must agree (softmax + `sparse_categorical_crossentropy`, or logits +
#   `from_logits=True`).
# * Augmentation with label-preserving random transformations, active only with
#   `training=True`.
# * A hypermodel asks `hp` for each choice; a tuner searches the space on a validation split.

# %% [markdown]
# ## Submit
#
# `check_all()` runs every question's public tests once more. `export()` then writes the file to
# upload, named after the lab, from the cells you ran (what `check` judged), and says where it
# is; in Colab your browser downloads it too. Upload that file to your course's submission page.

# %%
check_all()
export()
