# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 06: Regularization
#
# A network with tens of thousands of weights can memorize a hundred training images
# perfectly, noise and all, and still get a tenth of new images wrong. Driving the training loss to
# zero is easy; what we want is a small loss on data the network has **not** seen. Every technique
# that trades a little training fit for better generalization is called *regularization*.
#
# In this lab you first watch a network overfit, then build the classic remedies yourself
# (weight penalties, dropout, early stopping) and compare them on the same data. Two more tools
# complete the "training stability" kit: gradient clipping, which stops a single bad batch from
# throwing the weights away, and batch normalization, which keeps every layer's inputs on a
# sensible scale.
#
# **Learning goals.** After this lab you can
# 1. recognise overfitting in training and validation curves;
# 2. write the L1 and L2 penalties, derive their gradients and explain why L2 is "weight decay"
#    and why L1 makes weights exactly zero;
# 3. implement inverted dropout as a Keras layer that behaves differently in training and at
#    inference, and explain the $1/(1-p)$ scaling;
# 4. write an early-stopping callback with patience, a minimum improvement and weight restoring;
# 5. clip gradients by their global norm, and say why that keeps the update's direction;
# 6. compute the batch-normalization forward pass, in training and at inference, with Keras'
#    moving averages.
#
# **How this notebook is graded.** Fill in the code marked with `raise NotImplementedError`.
# After each graded function or class, a `check("...")` cell runs the public tests for that
# question. The grader only looks at your imports, function and class definitions, so the
# experiments and plots are for you: they are not graded, and they can use your code freely.
# The whole notebook runs in about a minute on a laptop.

# %%
from autograder.notebook import lab_tools
check, check_all, export = lab_tools("06_regularization")

# %%
import numpy as np
import matplotlib.pyplot as plt
import keras
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

# %% [markdown]
# ## 1. Overfitting, on purpose
#
# We take the 8x8 handwritten digits from scikit-learn, but train on only **100** of them (ten per
# class) and keep 500 others as a validation set. The network is deliberately far too big for
# that: two hidden layers of 256 ReLU units, about 85,000 weights, so roughly 850 weights per
# training image.
#
# We feed the data through `tf.data` pipelines: for tiny data sets they make each Keras epoch much
# cheaper than passing numpy arrays to `fit`.

# %%
X_digits, y_digits = load_digits(return_X_y=True)
X_digits = (X_digits / 16.0).astype("float32")  # pixel values 0..16 -> 0..1
X_train, X_val, y_train, y_val = train_test_split(
    X_digits, y_digits, train_size=100, test_size=500, random_state=0, stratify=y_digits
)
print("training set:", X_train.shape, " validation set:", X_val.shape)


def build_mlp(l2=0.0, dropout_layer=None, seed=0):
    """The over-sized digits classifier: 64 -> 256 -> 256 -> 10.

    `l2` adds a Keras L2 penalty on every kernel; `dropout_layer`, if given, is a function
    returning a fresh dropout layer, inserted after each hidden layer. Besides the loss we
    track the plain cross-entropy `ce`: Keras adds weight penalties to `loss` (also `val_loss`),
    so `ce` is the fair number to compare between models.
    """
    keras.utils.set_random_seed(seed)
    regularizer = keras.regularizers.L2(l2) if l2 else None
    layers = [keras.Input((64,))]
    for _ in range(2):
        layers.append(keras.layers.Dense(256, activation="relu", kernel_regularizer=regularizer))
        if dropout_layer is not None:
            layers.append(dropout_layer())
    layers.append(keras.layers.Dense(10, activation="softmax", kernel_regularizer=regularizer))
    model = keras.Sequential(layers)
    model.compile(
        optimizer=keras.optimizers.Adam(3e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy", keras.metrics.SparseCategoricalCrossentropy(name="ce")],
    )
    return model


def fit_digits(model, epochs=60, callbacks=()):
    """Train on the 100 digits, validating after every epoch; returns the history dict.

    Every call sees the same sequence of shuffled mini-batches of 50. (`train_ds` reshuffles
    every epoch; `shuffle=False` only stops Keras from warning that it cannot shuffle a tf.data
    pipeline itself.)
    """
    train_ds = tf.data.Dataset.from_tensor_slices((X_train, y_train)).shuffle(100, seed=0).batch(50)
    val_ds = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(500)
    return model.fit(
        train_ds, validation_data=val_ds, epochs=epochs, shuffle=False, verbose=0,
        callbacks=list(callbacks),
    ).history


# %%
histories = {"no regularization": fit_digits(build_mlp())}

fig, axes = plt.subplots(1, 3, figsize=(15, 4))
h = histories["no regularization"]
axes[0].plot(h["ce"], label="training")
axes[0].plot(h["val_ce"], label="validation")
axes[0].set_ylabel("cross-entropy (log scale)")
axes[0].set_yscale("log")
axes[1].plot(h["val_ce"], color="C1", label="validation")
axes[1].set_ylim(0.2, 0.8)
axes[1].set_ylabel("validation cross-entropy, zoomed")
axes[2].plot(h["accuracy"], label="training")
axes[2].plot(h["val_accuracy"], label="validation")
axes[2].set_ylabel("accuracy")
for ax in axes:
    ax.set_xlabel("epoch")
    ax.legend()
    ax.grid(alpha=0.3)
fig.suptitle("100 training digits, 85k weights: no regularization")
plt.tight_layout()
plt.show()
print(f"best validation cross-entropy {min(h['val_ce']):.3f} at epoch {int(np.argmin(h['val_ce'])) + 1}, "
      f"final {h['val_ce'][-1]:.3f}; final training cross-entropy {h['ce'][-1]:.5f}")

# %% [markdown]
# The training loss falls towards zero, to a thousandth of its starting value. The validation loss
# falls for the first ten or so epochs, then **rises again** while the training loss keeps falling:
# from then on, the network learns the particular pixels of its 100 images rather than what makes
# a 3 a 3. That widening gap between the two curves is overfitting.
#
# Regularization attacks it in three ways, which the next sections build:
# * make large weights expensive (**weight penalties**), so the network prefers smooth functions;
# * inject noise while training (**dropout**), so no unit can rely on a particular other unit;
# * stop at the bottom of the validation curve (**early stopping**).
#
# ## 2. Weight penalties: L2 and L1
#
# We add to the data loss $J(\mathbf w)$ a penalty that grows with the size of the weights:
#
# $$J_\text{reg}(\mathbf w) = J(\mathbf w) + \lambda\,\Omega(\mathbf w),\qquad
# \Omega_{L2}(\mathbf w) = \sum_i w_i^2,\qquad \Omega_{L1}(\mathbf w) = \sum_i |w_i|,$$
#
# where the sums run over **all** weights of all penalized layers (usually the kernels, not the
# biases) and $\lambda \ge 0$ sets the strength. Keras uses exactly these forms:
# `keras.regularizers.L2(lam)` adds $\lambda\sum w^2$ (no factor $\tfrac12$) and
# `keras.regularizers.L1(lam)` adds $\lambda\sum|w|$.
#
# **L2 is weight decay.** The gradient of the L2 term is $2\lambda\mathbf w$, so one step of
# gradient descent with learning rate $\eta$ becomes
#
# $$\mathbf w \leftarrow \mathbf w - \eta\big(\nabla J + 2\lambda \mathbf w\big)
#   = (1 - 2\eta\lambda)\,\mathbf w - \eta\,\nabla J:$$
#
# before each ordinary step, every weight shrinks by the same *factor*. Big weights shrink a lot,
# small ones hardly at all; the weights become small but rarely exactly zero. (With Adam the two
# are no longer the same thing, which is why AdamW from lab 05 decouples the decay.)
#
# **L1 makes weights exactly zero.** The gradient of $\lambda|w|$ is $\lambda\,\mathrm{sign}(w)$:
# a push of constant size towards zero, however small $w$ already is. A weight whose data
# gradient is smaller than $\lambda$ is pushed all the way to 0 and stays there, so L1 produces
# sparse weights, a kind of built-in feature selection.
#
# (Seen as probability: minimizing $J + \lambda\Omega$ is maximum a-posteriori estimation with a
# Gaussian prior on the weights for L2 and a Laplace prior for L1.)

# %%
def l1_penalty(weights, lam):
    """The L1 penalty `lam * sum(|w|)` over every entry of every array in `weights`.

    `weights` is a list of arrays of any shapes (e.g. the kernels of all layers); `lam` is a
    float >= 0. Return a Python float.
    """
    ### BEGIN SOLUTION
    total = sum(np.sum(np.abs(np.asarray(w, dtype=np.float64))) for w in weights)
    return float(lam * total)
    ### END SOLUTION


def l2_penalty(weights, lam):
    """The L2 penalty `lam * sum(w ** 2)` over every entry of every array in `weights`.

    Same conventions as `keras.regularizers.L2(lam)`: no factor 1/2. Return a Python float.
    """
    ### BEGIN SOLUTION
    total = sum(np.sum(np.square(np.asarray(w, dtype=np.float64))) for w in weights)
    return float(lam * total)
    ### END SOLUTION


# %%
ws = [np.array([1.0, -2.0]), np.array([[3.0], [-4.0]])]
print(l1_penalty(ws, 0.5), l2_penalty(ws, 0.5))  # 0.5 * 10 = 5.0 and 0.5 * 30 = 15.0

# %%
check("penalties")

# %% [markdown]
# Your `l2_penalty` is what Keras adds to the loss. A model with `kernel_regularizer=L2(lam)`
# collects one penalty per layer in `model.losses`; their sum equals your function applied to the
# kernels:

# %%
lam = 1e-3
demo = build_mlp(l2=lam)
kernels = [layer.kernel.numpy() for layer in demo.layers]
print(f"Keras: {float(sum(demo.losses)):.6f}   l2_penalty: {l2_penalty(kernels, lam):.6f}")

# %% [markdown]
# The shapes of the two penalties, and of the gradients that act on a single weight:

# %%
w = np.linspace(-2, 2, 401)
fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
axes[0].plot(w, [l2_penalty([np.array([v])], 1.0) for v in w], label=r"L2: $w^2$")
axes[0].plot(w, [l1_penalty([np.array([v])], 1.0) for v in w], label=r"L1: $|w|$")
axes[0].set_title("penalty ($\\lambda = 1$)")
axes[1].plot(w, 2 * w, label=r"L2: $2w$ (vanishes near 0)")
axes[1].plot(w, np.sign(w), label=r"L1: sign$(w)$ (constant push)")
axes[1].set_title("gradient of the penalty")
for ax in axes:
    ax.set_xlabel("w")
    ax.axhline(0, color="k", linewidth=0.5)
    ax.legend()
    ax.grid(alpha=0.3)
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 3. Dropout
#
# **Intuition.** During training, dropout switches off each unit at random with probability $p$
# (the *rate*), anew for every example and every step. A unit can no longer count on any
# particular other unit being there, so the network cannot build fragile co-adapted feature
# detectors; it has to spread what it knows over many units. Another view: every step trains a
# different "thinned" sub-network, and the full network at inference approximates the average of
# all of them, an ensemble of $2^{\text{units}}$ networks sharing their weights.
#
# **The maths.** For an activation $x$, draw a mask $m \sim \text{Bernoulli}(1-p)$ (1 = keep) and
# output
#
# $$y = \frac{m}{1-p}\,x, \qquad E[y] = \frac{(1-p)\cdot x}{1-p} = x .$$
#
# Dividing the survivors by $1 - p$ keeps the expected value of every activation the same as
# without dropout. That is **inverted** dropout: all the work happens during training, and at
# inference the layer is simply the identity, so a trained model needs no change to be used. The
# original dropout paper did it the other way round: no scaling in training, and every weight
# multiplied by $1-p$ at test time. Forgetting the scaling altogether makes the next layer see
# activations that are $1/(1-p)$ times larger at inference than anything it saw in training.
#
# **Keras layers.** A custom layer subclasses `keras.layers.Layer` and implements
# `call(self, inputs, training=None)`. Keras passes `training=True` inside `model.fit` and
# `training=False` (or nothing) in `predict` and `evaluate`; calling `layer(x, training=True)`
# yourself does the same. Random numbers inside a layer come from a
# `keras.random.SeedGenerator(seed)` created in `__init__`: `keras.random.uniform(shape,
# seed=self.seed_generator)` then gives a new draw at every call, reproducible from `seed`, and it
# works inside `fit`, where `call` is traced into a TensorFlow graph (numpy random numbers
# would be frozen into the graph as constants there). `keras.ops.where(condition, a, b)` picks
# elementwise between two tensors.

# %%
class InvertedDropout(keras.layers.Layer):
    """Inverted dropout: in training, zero each entry with probability `rate` and multiply the
    survivors by `1 / (1 - rate)`; at inference (training False or not given) return the input
    unchanged.

    `rate` is a float in [0, 1). `seed` (an int or None) makes the masks reproducible: two layers
    built with the same seed draw the same masks, and every call draws a fresh mask.
    """

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        # keep `rate` and `seed` as self.rate and self.seed (get_config uses them), and create
        # the seed generator for the masks
        ### BEGIN SOLUTION
        if not 0.0 <= rate < 1.0:
            raise ValueError(f"rate must be in [0, 1), got {rate}")
        self.rate = float(rate)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)
        ### END SOLUTION

    def call(self, inputs, training=None):
        ### BEGIN SOLUTION
        if not training or self.rate == 0.0:
            return inputs
        keep = keras.random.uniform(keras.ops.shape(inputs), seed=self.seed_generator) >= self.rate
        return keras.ops.where(keep, inputs / (1.0 - self.rate), keras.ops.zeros_like(inputs))
        ### END SOLUTION

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed}


# %%
layer = InvertedDropout(rate=0.25, seed=0)
x = np.ones((4, 8), dtype="float32")
print(keras.ops.convert_to_numpy(layer(x, training=True)))  # zeros and 1 / 0.75 = 1.333
print(keras.ops.convert_to_numpy(layer(x)))                 # inference: unchanged

# %%
check("dropout")

# %% [markdown]
# On a large input, about a fraction `rate` of the entries is zero, yet the mean stays where it
# was. Every call draws a new mask:

# %%
layer = InvertedDropout(rate=0.5, seed=1)
x = np.ones((40, 60), dtype="float32")
masks = [keras.ops.convert_to_numpy(layer(x, training=True)) for _ in range(2)]
fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
for ax, out in zip(axes, masks):
    ax.imshow(out, cmap="gray_r", vmin=0, vmax=2)
    ax.set_title(f"zeroed: {np.mean(out == 0):.2f}, mean: {out.mean():.3f}")
    ax.set_xlabel("unit")
axes[0].set_ylabel("example")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 4. Early stopping
#
# The baseline's validation loss was lowest early in training and only got worse afterwards.
# Early stopping simply watches a validation quantity after every epoch, remembers the weights
# of the best epoch, and stops when it has not improved for a while:
#
# ```
# best = +inf, wait = 0
# after each epoch t:
#     if monitored < best - min_delta:   # an improvement
#         best = monitored; best_epoch = t; save the weights; wait = 0
#     else:
#         wait += 1
#         if wait >= patience: stop training
# at the end of training: restore the saved weights
# ```
#
# * **patience**: validation curves are noisy, so one bad epoch should not end training; we
#   stop after `patience` epochs in a row without improvement. If the best epoch is $b$
#   (counting from 0), training stops after epoch $b + \text{patience}$, i.e. after
#   $b + \text{patience} + 1$ epochs.
# * **min_delta**: an improvement only counts if it beats the best value so far by more than
#   `min_delta`. Tiny improvements do not reset the patience, and they do not become the "best"
#   epoch either. Compare with the best value, not with the previous epoch: a run of small steps
#   that together beat the best by more than `min_delta` is an improvement.
# * **restoring**: without it, the model you keep is the one from the *last* epoch, `patience`
#   epochs past the best one.
#
# Early stopping is a regularizer in its own right: gradient descent moves the weights away from
# their small initial values step by step, so stopping early limits how far they can go. For a
# quadratic loss one can show that $t$ steps with learning rate $\eta$ act much like an L2
# penalty whose strength $\lambda$ is inversely proportional to $\eta t$ (Goodfellow, Bengio and
# Courville, *Deep Learning*, section 7.8).
#
# **Keras callbacks.** A callback subclasses `keras.callbacks.Callback`; Keras calls its methods
# during `fit`. `on_train_begin(logs)` runs once at the start (reset your state there, so the same
# callback can be used for several `fit` calls), `on_epoch_end(epoch, logs)` after every epoch,
# with `logs` a dict such as `{"loss": 0.31, "val_loss": 0.42, ...}`, and `on_train_end(logs)`
# at the end. The model is `self.model`: `self.model.get_weights()` returns a copy of its weights
# as a list of arrays, `self.model.set_weights(list)` puts them back, and setting
# `self.model.stop_training = True` ends training after the current epoch.

# %%
class EarlyStoppingRestore(keras.callbacks.Callback):
    """Stop training when `monitor` has not improved for `patience` epochs; keep the best weights.

    - `monitor`: the key of `logs` to watch (smaller is better), `"val_loss"` by default.
    - An epoch *improves* when `logs[monitor] < best - min_delta`, where `best` is the value of the
      last improving epoch (the first epoch always improves). The last improving epoch is the
      *best epoch*; remember its weights (`self.model.get_weights()`).
    - Count the epochs since the best one; when that count reaches `patience`, set
      `self.model.stop_training = True`.
    - When training ends (`on_train_end`), set the model's weights to the best epoch's.
    - Reset all state in `on_train_begin`, so the callback can be reused.
    """

    def __init__(self, monitor="val_loss", patience=5, min_delta=0.0):
        super().__init__()
        self.monitor = monitor
        self.patience = int(patience)
        self.min_delta = abs(float(min_delta))

    def on_train_begin(self, logs=None):
        ### BEGIN SOLUTION
        self.best = np.inf
        self.best_epoch = None
        self.best_weights = None
        self.wait = 0
        self.stopped_epoch = None
        ### END SOLUTION

    def on_epoch_end(self, epoch, logs=None):
        ### BEGIN SOLUTION
        current = (logs or {}).get(self.monitor)
        if current is None:
            raise KeyError(f"{self.monitor!r} is not in the logs; available: {sorted(logs or {})}")
        if float(current) < self.best - self.min_delta:
            self.best, self.best_epoch, self.wait = float(current), epoch, 0
            self.best_weights = self.model.get_weights()
            return
        self.wait += 1
        if self.wait >= self.patience:
            self.stopped_epoch = epoch
            self.model.stop_training = True
        ### END SOLUTION

    def on_train_end(self, logs=None):
        ### BEGIN SOLUTION
        if self.best_weights is not None:
            self.model.set_weights(self.best_weights)
        ### END SOLUTION


# %%
check("early_stopping")

# %% [markdown]
# ## 5. The three remedies side by side
#
# Same data, same network, same seed; only the regularization changes:
# * L2 with $\lambda = 10^{-3}$ on every kernel (Keras' `L2`, which adds your `l2_penalty`);
# * your `InvertedDropout` with rate 0.5 after each hidden layer;
# * no penalty, but your `EarlyStoppingRestore` with patience 10 on the validation
#   cross-entropy.
#
# About ten seconds of training.

# %%
histories["L2, lambda = 1e-3"] = fit_digits(build_mlp(l2=1e-3))
histories["dropout 0.5"] = fit_digits(build_mlp(dropout_layer=lambda: InvertedDropout(0.5, seed=0)))
stopped_model = build_mlp()
histories["early stopping, patience 10"] = fit_digits(
    stopped_model, callbacks=[EarlyStoppingRestore(monitor="val_ce", patience=10)]
)

fig, axes = plt.subplots(2, 2, figsize=(12, 7), sharex=True, sharey=True)
for ax, (name, h) in zip(axes.ravel(), histories.items()):
    ax.plot(h["ce"], label="training")
    ax.plot(h["val_ce"], label="validation")
    if name != "no regularization":
        ax.plot(histories["no regularization"]["val_ce"], color="gray", linestyle="--",
                linewidth=1, label="validation, no regularization")
    ax.set_ylim(0, 1.0)
    ax.set_title(f"{name}: best val {min(h['val_ce']):.3f}, last {h['val_ce'][-1]:.3f}")
    ax.grid(alpha=0.3)
    ax.legend()
for ax in axes[1]:
    ax.set_xlabel("epoch")
for ax in axes[:, 0]:
    ax.set_ylabel("cross-entropy")
plt.tight_layout()
plt.show()

for name, h in histories.items():
    print(f"{name:30s} epochs {len(h['ce']):3d}   final val cross-entropy {h['val_ce'][-1]:.3f}   "
          f"final val accuracy {h['val_accuracy'][-1]:.3f}")
val_ce = stopped_model.evaluate(X_val, y_val, verbose=0, return_dict=True)["ce"]
best_epoch = int(np.argmin(histories["early stopping, patience 10"]["val_ce"])) + 1
print(f"early stopping restored the weights of epoch {best_epoch}: validation cross-entropy {val_ce:.3f}")

# %% [markdown]
# What to notice:
# * The penalty and the dropout keep the validation loss from climbing back: the gap between the
#   two curves stays much smaller, and the training loss no longer collapses to zero.
# * Early stopping does not change the curves at all before it stops; it just keeps the model from
#   the bottom of the validation curve. It is cheap, which is why it is used almost everywhere,
#   often together with the other two.
# * The validation set is now part of the training procedure (it chose when to stop): a final,
#   honest estimate of accuracy needs a third, untouched test set.
#
# ## 6. Gradient clipping
#
# Not a regularizer in the statistical sense, but a safety belt. A single unlucky batch (or a
# recurrent network, lab 10) can produce a gradient hundreds of times larger than usual; one step
# along it throws the weights far away from everything learned so far. Clipping bounds the size
# of every update.
#
# For gradients $g_1, \dots, g_k$ (one array per variable), the **global norm** treats them as one
# long vector:
#
# $$\|g\| = \sqrt{\sum_{j=1}^{k} \sum_i g_{j,i}^2}, \qquad
#   g_j \leftarrow g_j \cdot \frac{c}{\max(\|g\|,\ c)} ,$$
#
# where $c$ is `max_norm`. If the global norm is at most $c$, nothing changes; otherwise every
# array is multiplied by the **same** factor $c/\|g\|$, so the update keeps its direction and only
# gets shorter. Clipping each array separately to norm $c$ would shrink some components more
# than others and change the direction of the step.
#
# In Keras, `global_clipnorm=c` on an optimizer does global clipping; `clipnorm=c` clips every
# variable's gradient on its own; TensorFlow's `tf.clip_by_global_norm` is the function you are
# about to write.

# %%
def clip_by_global_norm(grads, max_norm):
    """Scale a list of gradient arrays so that their global norm is at most `max_norm`.

    Returns `(clipped, global_norm)`: `clipped` is a list of arrays with the same shapes as
    `grads`, all multiplied by `max_norm / max(global_norm, max_norm)`; `global_norm` is the norm
    of all entries of all arrays before clipping, as a float.
    """
    ### BEGIN SOLUTION
    grads = [np.asarray(g, dtype=np.float64) for g in grads]
    global_norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    scale = max_norm / max(global_norm, max_norm)
    return [g * scale for g in grads], global_norm
    ### END SOLUTION


# %%
clipped, norm = clip_by_global_norm([np.array([3.0, 0.0]), np.array([[4.0]])], 1.0)
print(norm, clipped)  # 5.0, [0.6, 0.0] and [[0.8]]

# %%
check("clip")

# %% [markdown]
# Two variables with one weight each make the difference visible: global clipping shortens the
# arrow, clipping each variable on its own turns it.

# %%
g = [np.array([4.0]), np.array([1.0])]
global_clip, _ = clip_by_global_norm(g, 1.0)
per_variable = [gi * min(1.0, 1.0 / np.linalg.norm(gi)) for gi in g]
fig, ax = plt.subplots(figsize=(7, 3.5))
for vec, label, color in [
    (g, "gradient", "k"),
    (global_clip, "global norm clipping", "C0"),
    (per_variable, "per-variable clipping", "C3"),
]:
    v = np.concatenate(vec)
    ax.annotate("", xy=v, xytext=(0, 0), arrowprops=dict(arrowstyle="->", color=color, lw=2))
    ax.plot([], [], color=color, label=f"{label}: ({v[0]:.2f}, {v[1]:.2f})")
ax.add_patch(plt.Circle((0, 0), 1.0, fill=False, linestyle="--", color="gray"))
ax.set_xlim(-0.2, 4.3)
ax.set_ylim(-0.2, 2.0)
ax.set_aspect("equal")
ax.set_xlabel("gradient of variable 1")
ax.set_ylabel("gradient of variable 2")
ax.legend(loc="upper right", fontsize=9)
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 7. Batch normalization
#
# A layer's inputs are the previous layer's outputs, and their scale drifts while the previous
# layers learn. Batch normalization (Ioffe and Szegedy, 2015) standardizes each feature over the
# current mini-batch and then lets the network choose the scale and offset it wants.
#
# **Training.** For a batch $x$ of shape `(N, C)` (or `(N, H, W, C)`: then the statistics also run
# over the image positions, one mean and variance per channel), for each feature $c$:
#
# $$\mu_c = \frac{1}{M}\sum_{n} x_{n,c}, \qquad \sigma_c^2 = \frac{1}{M}\sum_{n} (x_{n,c}-\mu_c)^2,
#   \qquad y_{n,c} = \gamma_c\,\frac{x_{n,c}-\mu_c}{\sqrt{\sigma_c^2 + \varepsilon}} + \beta_c ,$$
#
# with $M$ the number of values per feature, the **biased** variance (divide by $M$, as Keras
# does), $\varepsilon$ inside the square root, and $\gamma$ (scale) and $\beta$ (offset) learned
# like any other weight.
#
# **Inference.** A prediction for one example cannot depend on which other examples share its
# batch, so at inference the layer uses running averages collected during training. Keras updates
# them after every training batch with
#
# $$\text{running\_mean} \leftarrow m\cdot\text{running\_mean} + (1-m)\,\mu, \qquad
#   \text{running\_var} \leftarrow m\cdot\text{running\_var} + (1-m)\,\sigma^2 ,$$
#
# where the momentum $m$ is close to 1 (Keras' default is 0.99: the average covers the last
# $\approx 1/(1-m) = 100$ batches), and normalizes with them at inference:
# $y = \gamma\,(x - \text{running\_mean})/\sqrt{\text{running\_var} + \varepsilon} + \beta$.
# At inference, the running averages do not change.
#
# Batch normalization lets you train with larger learning rates, and it regularizes a little on
# the side: each example's output depends on the random other examples in its batch, a kind of
# noise, similar in spirit to dropout.

# %%
def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.99, eps=1e-3):
    """Batch normalization over the last axis, with Keras' conventions.

    `x` has shape (N, C) or (N, ..., C); `gamma`, `beta`, `running_mean`, `running_var` have
    shape (C,). Statistics run over every axis but the last, with the biased variance.
    - training True: normalize with the batch mean and variance, and update the running
      averages as `running = momentum * running + (1 - momentum) * batch_statistic`;
    - training False: normalize with `running_mean` and `running_var`, which stay unchanged.
    Output: `gamma * (x - mean) / sqrt(var + eps) + beta`.
    Returns `(out, running_mean, running_var)` as arrays: the output (shape of `x`) and the
    running averages after this call.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    running_mean = np.asarray(running_mean, dtype=np.float64)
    running_var = np.asarray(running_var, dtype=np.float64)
    if training:
        axes = tuple(range(x.ndim - 1))
        mean, var = x.mean(axis=axes), x.var(axis=axes)
        running_mean = momentum * running_mean + (1.0 - momentum) * mean
        running_var = momentum * running_var + (1.0 - momentum) * var
    else:
        mean, var = running_mean, running_var
    out = np.asarray(gamma) * (x - mean) / np.sqrt(var + eps) + np.asarray(beta)
    return out, running_mean, running_var
    ### END SOLUTION


# %%
check("batchnorm")

# %% [markdown]
# Your function against Keras' own layer, with the same weights and a batch whose features live
# on very different scales:

# %%
rng = np.random.default_rng(0)
x = rng.normal(loc=[5.0, -3.0, 0.0], scale=[2.0, 0.5, 10.0], size=(64, 3))
gamma, beta = np.array([1.0, 2.0, 0.5]), np.array([0.0, 1.0, -1.0])
bn = keras.layers.BatchNormalization()
bn.build((None, 3))
bn.set_weights([gamma, beta, np.zeros(3), np.ones(3)])
keras_out = keras.ops.convert_to_numpy(bn(x.astype("float32"), training=True))
ours, new_mean, new_var = batchnorm_forward(x, gamma, beta, np.zeros(3), np.ones(3), training=True)
print("largest difference to Keras:", np.abs(ours - keras_out).max())
print("output means (= beta):", ours.mean(axis=0).round(3), " stds (~ gamma):", ours.std(axis=0).round(3))
print("running mean after one batch:", new_mean.round(3), " Keras:", bn.moving_mean.numpy().round(3))

# %% [markdown]
# How fast do the running averages find the data's statistics? We feed 400 batches of 32 values
# drawn from $\mathcal N(5, 2^2)$ and follow the running mean and variance for two momenta. The
# gap to the truth shrinks by a factor $m$ per batch: after $t$ batches it is $m^t$ of the
# starting gap (up to the noise of each batch), so $m = 0.99$ needs a few hundred batches.

# %%
rng = np.random.default_rng(1)
batches = rng.normal(5.0, 2.0, size=(400, 32, 1))
fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
for m in (0.9, 0.99):
    mean, var = np.zeros(1), np.ones(1)
    means, variances = [], []
    for batch in batches:
        _, mean, var = batchnorm_forward(batch, np.ones(1), np.zeros(1), mean, var, True, momentum=m)
        means.append(mean[0])
        variances.append(var[0])
    axes[0].plot(means, label=f"momentum {m}")
    axes[1].plot(variances, label=f"momentum {m}")
axes[0].axhline(5.0, color="k", linestyle="--", linewidth=1, label="true mean")
axes[1].axhline(4.0, color="k", linestyle="--", linewidth=1, label="true variance")
axes[0].set_title("running mean")
axes[1].set_title("running variance")
for ax in axes:
    ax.set_xlabel("training batch")
    ax.legend()
    ax.grid(alpha=0.3)
plt.tight_layout()
plt.show()

# %% [markdown]
# A model that has trained for too few steps with momentum 0.99 still carries running averages
# close to their initial values (0 and 1): it can be excellent in training and poor at inference.
# That is a classic surprise with batch normalization on small data sets.
#
# ## Check yourself
#
# 1. You double $\lambda$ of an L2 penalty. By what factor per step does plain gradient descent
#    now shrink the weights before the data gradient acts? Why does L1, unlike L2, set weights
#    exactly to zero?
# 2. A colleague's dropout layer multiplies by $1-p$ at inference and does not rescale in
#    training. Is the trained model's output at inference the same as with your layer? Why do
#    frameworks prefer the inverted form?
# 3. The validation loss of a run is 0.50, 0.40, 0.35, 0.36, 0.34, 0.37, 0.38, 0.39, ... With
#    `patience=2` and `min_delta=0.02`, after how many epochs does `EarlyStoppingRestore` stop, and
#    which epoch's weights does it restore?
# 4. Gradients of norm 50 are clipped to `max_norm=5`. How long is the update now, and in which
#    direction does it point? What happens with batch normalization if you predict with
#    `training=True` on a batch of one example?
#
# ## Summary
#
# * Overfitting shows as a training loss that keeps falling while the validation loss turns up.
# * L2: $\lambda\sum w^2$, gradient $2\lambda w$, the same as shrinking the weights by
#   $1-2\eta\lambda$ each step; L1: $\lambda\sum|w|$, a constant push that makes weights zero.
# * Inverted dropout zeroes units with probability $p$ and scales survivors by $1/(1-p)$ in
#   training, so inference is the identity.
# * Early stopping keeps the weights of the best validation epoch; `patience` tolerates noise and
#   `min_delta` ignores tiny improvements.
# * Global-norm clipping rescales all gradients by one factor $c/\max(\|g\|, c)$: shorter, same
#   direction.
# * Batch normalization uses batch statistics in training, running averages
#   ($m\cdot\text{old} + (1-m)\cdot\text{batch}$) at inference.

# %% [markdown]
# ## Submit
#
# `check_all()` runs every question's public tests once more. `export()` then writes the file to
# upload, named after the lab, from the cells you ran (what `check` judged), and says where it
# is; in Colab your browser downloads it too. Upload that file to your course's submission page.

# %%
check_all()
export()
