# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 04: Weight initialization
#
# Before a network has seen a single example, we have already made a decision that can make or
# break training: the starting values of its weights. Start them too small and the signal fades
# away layer after layer; too large and it blows up; all equal and the hidden units can never
# become different from each other.
#
# In this lab you build the classic initializers yourself, measure how they shape the signal in
# a deep network, and see in Keras why "just start at zero" does not work.
#
# **Learning goals.** After this lab you can
# 1. compute `fan_in` and `fan_out` for Dense and convolution kernels, as Keras does;
# 2. derive why a layer's output variance is $\mathrm{fan}_\mathrm{in}\cdot\text{Var}(W)\cdot E[x^2]$ and
#    what that implies for the scale of the weights;
# 3. implement Xavier/Glorot and He initialization, in normal and uniform flavours;
# 4. measure vanishing and exploding activations in a 20-layer network;
# 5. explain (and detect) the symmetry that zero initialization never breaks.
#
# **How this notebook is graded.** Fill in the functions marked with
# `raise NotImplementedError`. After each one, a `check("...")` cell runs the public tests for
# that question. The grader only looks at your imports and function definitions, so the plots
# and experiments are for you: they are not graded, and they can use your functions freely.
# Use `np.random.default_rng(seed)` for every random draw, so results are reproducible.

# %%
from autograder.notebook import lab_tools
check, check_all, export = lab_tools("04_weight_init")

# %%
import numpy as np
import matplotlib.pyplot as plt
import keras
from sklearn.datasets import make_moons

# %% [markdown]
# ## 1. Intuition: a signal passing through many layers
#
# Think of a deep network as a long chain of amplifiers. Each Dense layer multiplies its input
# by a weight matrix. If each layer, on average, multiplies the "loudness" (the standard
# deviation) of the signal by $0.5$, then after 20 layers it is $0.5^{20} \approx 10^{-6}$ of
# what it was: the last layers see (almost) constant inputs and the gradients flowing back are
# just as tiny. If each layer multiplies it by $2$, after 20 layers it is a million times larger
# and activations like `tanh` and `sigmoid` saturate, which again kills the gradients.
#
# A good initialization chooses the scale of the weights so that each layer multiplies the
# signal by about $1$. How big that scale must be depends on how many inputs each unit adds up:
# its **fan-in**.
#
# ## 2. Fan-in and fan-out
#
# For a Dense kernel of shape `(n_in, n_out)` (Keras computes `x @ W + b`), every output unit
# sums `n_in` products, so $\mathrm{fan}_\mathrm{in} = n_\text{in}$, and every input feeds
# $\mathrm{fan}_\mathrm{out} = n_\text{out}$ units.
#
# For a convolution kernel, Keras stores the shape as `(kh, kw, c_in, c_out)`. One output value
# is a sum over a `kh x kw` window in each of the `c_in` input channels, so
# $\mathrm{fan}_\mathrm{in} = k_h k_w c_\text{in}$; symmetrically,
# $\mathrm{fan}_\mathrm{out} = k_h k_w c_\text{out}$. The product of the spatial sizes is the
# **receptive field**. The same rule applies to 1-D convolutions `(k, c_in, c_out)` and 3-D
# convolutions `(kd, kh, kw, c_in, c_out)`. For a 1-D shape `(n,)` Keras uses `(n, n)`.

# %%
def compute_fans(shape):
    """Return `(fan_in, fan_out)` for a weight tensor of the given shape, following Keras.

    `shape` is a tuple (or list) of ints:
    - `(n,)`                      -> `(n, n)`
    - `(n_in, n_out)`             -> `(n_in, n_out)`                   Dense kernel
    - `(k, c_in, c_out)`          -> `(k*c_in, k*c_out)`               Conv1D kernel
    - `(kh, kw, c_in, c_out)`     -> `(kh*kw*c_in, kh*kw*c_out)`       Conv2D kernel
    - `(kd, kh, kw, c_in, c_out)` -> receptive field `kd*kh*kw` times `c_in` and `c_out`
    Returns a tuple of two Python ints.
    """
    ### BEGIN SOLUTION
    shape = tuple(int(d) for d in shape)
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive_field = int(np.prod(shape[:-2]))
    return shape[-2] * receptive_field, shape[-1] * receptive_field
    ### END SOLUTION


# %%
print(compute_fans((784, 128)))      # a Dense layer
print(compute_fans((3, 3, 64, 128)))  # a 3x3 Conv2D layer with 64 -> 128 channels

# %%
check("fans")

# %% [markdown]
# ## 3. Two naive baselines
#
# * **Zeros.** Every weight is $0$. Clean, but as we will see, hopeless.
# * **Small random normal.** $W_{ij} \sim \mathcal{N}(0, \sigma^2)$ with a fixed, "small"
#   $\sigma = 0.01$. For years this was a common default. It breaks the symmetry, but its scale
#   ignores the size of the layer.
#
# Both keep the shape you ask for, which may be any tuple (Dense or convolution kernel).

# %%
def zeros(shape):
    """Return a float array of the given shape filled with 0."""
    ### BEGIN SOLUTION
    return np.zeros(shape, dtype=np.float64)
    ### END SOLUTION


def random_normal(shape, std=0.01, seed=0):
    """Return an array of the given shape drawn from N(0, std**2).

    Use `np.random.default_rng(seed)`, so the same seed gives the same array.
    """
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    return rng.normal(0.0, std, size=tuple(shape))
    ### END SOLUTION


# %%
w = random_normal((256, 256), seed=1)
print(w.shape, w.std())

# %%
check("zeros_random")

# %% [markdown]
# ## 4. How variance flows through a layer
#
# Take one unit of a Dense layer, $z = \sum_{i=1}^{n} x_i W_i$ with $n = \mathrm{fan}_\mathrm{in}$, and
# assume the weights are independent of each other and of the inputs, with $E[W_i] = 0$.
# For one term, since $E[W]=0$,
#
# $$\text{Var}(x_i W_i) = E[x_i^2]\,E[W_i^2] - \big(E[x_i]\,E[W_i]\big)^2 = E[x_i^2]\,\text{Var}(W).$$
#
# The terms are uncorrelated (the weights are independent with zero mean), so the variances add:
#
# $$\boxed{\text{Var}(z) = \mathrm{fan}_\mathrm{in}\cdot \text{Var}(W)\cdot E[x^2]}$$
#
# This one line explains everything in this lab. Stacking $L$ layers multiplies the variance by
# a factor $g = \mathrm{fan}_\mathrm{in}\cdot\text{Var}(W)\cdot c$ per layer, where $c$ says how the
# activation changes the second moment, so after $L$ layers the variance has been multiplied by
# about $g^L$. Anything but $g \approx 1$ vanishes or explodes exponentially in depth.
#
# *Example.* `random_normal` with $\sigma = 0.01$ and 256 inputs gives
# $g = 256 \cdot 10^{-4} = 0.0256$ for a linear layer: the standard deviation shrinks by a
# factor $\sqrt{0.0256} = 0.16$ per layer, about $10^{-16}$ after 20 layers.
#
# ### Xavier / Glorot initialization
#
# For `tanh` (and linear layers) around 0, $\tanh(z) \approx z$, so with zero-mean inputs
# $E[x^2] = \text{Var}(x)$ and $c \approx 1$. Keeping the **forward** signal constant asks for
#
# $$\text{Var}(W) = \frac{1}{\mathrm{fan}_\mathrm{in}}.$$
#
# The **backward** pass runs the same computation with $W^\top$: the gradient with respect to
# an input sums over the $\mathrm{fan}_\mathrm{out}$ units it feeds,
# $\frac{\partial L}{\partial x_i} = \sum_j W_{ij}\frac{\partial L}{\partial z_j}$, so keeping
# the gradient's variance constant asks for $\text{Var}(W) = 1/\mathrm{fan}_\mathrm{out}$.
# Glorot and Bengio (2010) take the compromise (the harmonic mean of the two):
#
# $$\text{Var}(W) = \frac{2}{\mathrm{fan}_\mathrm{in} + \mathrm{fan}_\mathrm{out}}.$$
#
# * **Xavier normal:** $W \sim \mathcal{N}\!\left(0,\ \frac{2}{\mathrm{fan}_\mathrm{in}+\mathrm{fan}_\mathrm{out}}\right)$,
#   i.e. standard deviation $\sqrt{2/(\mathrm{fan}_\mathrm{in}+\mathrm{fan}_\mathrm{out})}$.
# * **Xavier uniform:** $W \sim \mathcal{U}(-\ell, \ell)$. A uniform distribution on
#   $[-\ell,\ell]$ has variance $\ell^2/3$; setting $\ell^2/3 = 2/(\mathrm{fan}_\mathrm{in}+\mathrm{fan}_\mathrm{out})$
#   gives $\ell = \sqrt{6/(\mathrm{fan}_\mathrm{in}+\mathrm{fan}_\mathrm{out})}$.
#
# (Keras' `glorot_normal` uses a *truncated* normal rescaled to the same variance; in this lab
# we use a plain normal.)

# %%
def xavier_normal(shape, seed=0):
    """Xavier/Glorot normal: a plain normal N(0, 2 / (fan_in + fan_out)), fans from `compute_fans`.

    Works for Dense and convolution kernel shapes; use `np.random.default_rng(seed)`.
    """
    ### BEGIN SOLUTION
    fan_in, fan_out = compute_fans(shape)
    std = np.sqrt(2.0 / (fan_in + fan_out))
    return np.random.default_rng(seed).normal(0.0, std, size=tuple(shape))
    ### END SOLUTION


def xavier_uniform(shape, seed=0):
    """Xavier/Glorot uniform: U(-limit, limit) with limit = sqrt(6 / (fan_in + fan_out)).

    Works for Dense and convolution kernel shapes; use `np.random.default_rng(seed)`.
    """
    ### BEGIN SOLUTION
    fan_in, fan_out = compute_fans(shape)
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return np.random.default_rng(seed).uniform(-limit, limit, size=tuple(shape))
    ### END SOLUTION


# %%
check("xavier")

# %% [markdown]
# ### He initialization for ReLU
#
# ReLU zeroes out the negative half of its input. If $z$ is symmetric around $0$,
#
# $$E[\text{relu}(z)^2] = \int_0^\infty z^2 p(z)\,dz = \tfrac12 E[z^2] = \tfrac12\text{Var}(z),$$
#
# so $c = \tfrac12$: every ReLU layer throws away half of the second moment. He et al. (2015)
# compensate with a factor 2 and only look at the forward pass:
#
# $$\text{Var}(W) = \frac{2}{\mathrm{fan}_\mathrm{in}}.$$
#
# * **He normal:** standard deviation $\sqrt{2/\mathrm{fan}_\mathrm{in}}$.
# * **He uniform:** limit $\ell$ with $\ell^2/3 = 2/\mathrm{fan}_\mathrm{in}$, i.e.
#   $\ell = \sqrt{6/\mathrm{fan}_\mathrm{in}}$.
#
# With Xavier's $1/\mathrm{fan}_\mathrm{in}$ (square layers) a ReLU network has $g = \tfrac12$ per layer:
# after 20 layers the standard deviation is $2^{-10} \approx 10^{-3}$ of where it started.

# %%
def he_normal(shape, seed=0):
    """He normal: a plain normal N(0, 2 / fan_in), fans from `compute_fans`.

    Works for Dense and convolution kernel shapes; use `np.random.default_rng(seed)`.
    """
    ### BEGIN SOLUTION
    fan_in, _ = compute_fans(shape)
    return np.random.default_rng(seed).normal(0.0, np.sqrt(2.0 / fan_in), size=tuple(shape))
    ### END SOLUTION


def he_uniform(shape, seed=0):
    """He uniform: U(-limit, limit) with limit = sqrt(6 / fan_in).

    Works for Dense and convolution kernel shapes; use `np.random.default_rng(seed)`.
    """
    ### BEGIN SOLUTION
    fan_in, _ = compute_fans(shape)
    limit = np.sqrt(6.0 / fan_in)
    return np.random.default_rng(seed).uniform(-limit, limit, size=tuple(shape))
    ### END SOLUTION


# %%
check("he")

# %% [markdown]
# ## 5. Experiment: the signal through 20 layers
#
# Now we measure what the formulas predict. We push a batch of unit-normal inputs through a
# stack of `depth` square Dense layers (no biases), each initialized by the function you pass
# in, and record the standard deviation of every layer's activations.
#
# Functions are values in Python: `activation_stds(he_normal, "relu")` passes your `he_normal`
# itself, and `activation_stds` calls it once per layer.

# %%
def activation_stds(init, activation, depth=20, width=256, seed=0):
    """Standard deviation of the activations of each layer of a deep, freshly initialized MLP.

    Follow this recipe (the tests compare with it, with a tolerance):
    - input: `x = np.random.default_rng(seed).standard_normal((1000, width))`, a batch of 1000;
    - for layer `i = 0, ..., depth - 1`:
        `W = init((width, width), seed=seed + 1 + i)`; an initializer without a `seed`
        argument (like `zeros`) is called as `init((width, width))`;
        `h = f(h @ W)` with zero biases, where `h` starts as `x`;
        record `float(np.std(h))`, the std over all `1000 * width` entries;
    - `activation` is the name of a Keras activation: "linear", "tanh", "relu" or "sigmoid"
      (`keras.activations.get(activation)` or your own numpy version both work).
    Returns a list of `depth` Python floats, first layer first.
    """
    ### BEGIN SOLUTION
    functions = {
        "linear": lambda z: z,
        "tanh": np.tanh,
        "relu": lambda z: np.maximum(z, 0.0),
        "sigmoid": lambda z: 0.5 * (1.0 + np.tanh(0.5 * z)),  # = 1 / (1 + exp(-z)), no overflow
    }
    f = functions[activation]
    h = np.random.default_rng(seed).standard_normal((1000, width))
    stds = []
    for i in range(depth):
        try:
            W = init((width, width), seed=seed + 1 + i)
        except TypeError:  # initializers without a seed, such as zeros
            W = init((width, width))
        h = f(h @ np.asarray(W, dtype=np.float64))
        stds.append(float(np.std(h)))
    return stds
    ### END SOLUTION


# %%
check("activation_stds")

# %% [markdown]
# Let us compare the four initializers with `tanh` and `relu`. The y-axis is logarithmic, so a
# straight downward line means exponential decay. Zero initialization gives exactly 0 in every
# layer, which a log scale cannot show: we draw it at the bottom of the plot.

# %%
inits = {
    "zeros": zeros,
    "random normal 0.01": random_normal,
    "Xavier normal": xavier_normal,
    "He normal": he_normal,
}
floor = 1e-20
fig, axes = plt.subplots(1, 2, figsize=(12, 4.5), sharey=True)
for ax, act in zip(axes, ["tanh", "relu"]):
    for name, init in inits.items():
        stds = np.array(activation_stds(init, act))
        label = name if stds.any() else f"{name} (all 0, drawn at {floor:g})"
        stds = np.maximum(stds, floor)
        ax.plot(range(1, len(stds) + 1), stds, marker="o", markersize=3, label=label)
    ax.set_yscale("log")
    ax.set_title(f"activation std per layer, {act}")
    ax.set_xlabel("layer")
    ax.grid(True, which="major", alpha=0.3)
axes[0].set_ylabel("std of activations (log scale)")
axes[0].legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# What to notice:
# * `random_normal(0.01)` dies almost immediately with both activations: $g = 0.0256$.
# * Xavier keeps `tanh` alive (it decays slowly because $\tanh$ squashes large values), but with
#   `relu` it halves the variance at every layer.
# * He keeps `relu` at a constant level: exactly the factor 2 from the derivation.
#
# ## 6. What the distributions look like
#
# The normal and uniform flavours have the same variance but different shapes: the uniform one
# is bounded by $\pm\ell$, the normal one has tails.

# %%
shape = (256, 128)
fan_in, fan_out = compute_fans(shape)
samples = {
    "Xavier uniform": (xavier_uniform(shape, seed=1), np.sqrt(6 / (fan_in + fan_out))),
    "Xavier normal": (xavier_normal(shape, seed=1), None),
    "He uniform": (he_uniform(shape, seed=1), np.sqrt(6 / fan_in)),
    "He normal": (he_normal(shape, seed=1), None),
}
fig, axes = plt.subplots(1, 4, figsize=(16, 3.5), sharex=True)
for ax, (name, (w, limit)) in zip(axes, samples.items()):
    ax.hist(w.ravel(), bins=80, density=True, alpha=0.8)
    if limit is not None:
        for x in (-limit, limit):
            ax.axvline(x, color="k", linestyle="--", linewidth=1)
    ax.set_title(f"{name}\nstd = {w.std():.4f}")
    ax.set_xlabel("weight")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 7. Symmetry: why not start at zero?
#
# Suppose all hidden units of a layer start with **identical incoming weights** (and biases)
# and **identical outgoing weights**; zero initialization is the extreme case. Then for every
# input they compute the same $z_j$ and the same activation $h_j$. Backpropagation gives unit
# $j$ the gradient
#
# $$\frac{\partial L}{\partial W_{ij}} = x_i\,\delta_j, \qquad
#   \delta_j = f'(z_j)\sum_k V_{jk}\,\frac{\partial L}{\partial o_k},$$
#
# where $V$ are the outgoing weights. Every factor is the same for all $j$, so every unit gets
# the same update, and the units are still identical after the step. By induction they stay
# clones forever: a layer of 100 units learns no more than a layer of 1 unit. Random
# initialization breaks the symmetry at the start, and nothing in gradient descent ever has to.
#
# With all-zero weights it is even worse: with `tanh` or `relu` hidden units, $h = 0$ so the
# outgoing weights get zero gradient, and $V = 0$ so the incoming weights do too: only the last
# bias learns.
#
# The function below detects the symmetry in a Keras model.

# %%
def symmetric_units(model):
    """True when all units of the model's first Dense layer have the same incoming weights.

    Look at the first `keras.layers.Dense` layer in `model.layers`: its kernel has shape
    `(n_in, units)`; unit j's incoming weights are column `kernel[:, j]` plus bias `bias[j]`.
    Return True when every column equals the first one and every bias equals the first one,
    compared with `np.allclose` (training can leave tiny rounding differences). Return a bool.
    """
    ### BEGIN SOLUTION
    dense = next(layer for layer in model.layers if isinstance(layer, keras.layers.Dense))
    kernel = np.asarray(dense.kernel)
    bias = np.asarray(dense.bias) if dense.use_bias else np.zeros(kernel.shape[-1])
    return bool(np.allclose(kernel, kernel[:, :1]) and np.allclose(bias, bias[0]))
    ### END SOLUTION


# %%
check("symmetry")

# %% [markdown]
# ### Zero init vs He init in Keras
#
# We train the same small MLP on the two-moons data three times: all weights zero with `tanh`,
# all weights zero with `sigmoid` (gradients do flow here, since $\sigma(0) = 0.5$), and He
# initialization with `relu`. A few seconds on a laptop.

# %%
X, y = make_moons(500, noise=0.15, random_state=0)
configs = {
    "zeros + tanh": ("zeros", "tanh"),
    "zeros + sigmoid": ("zeros", "sigmoid"),
    "He normal + relu": ("he_normal", "relu"),
}
histories, models = {}, {}
for name, (kernel_init, act) in configs.items():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((2,)),
        keras.layers.Dense(16, activation=act, kernel_initializer=kernel_init),
        keras.layers.Dense(16, activation=act, kernel_initializer=kernel_init),
        keras.layers.Dense(1, activation="sigmoid", kernel_initializer=kernel_init),
    ])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy",
                  metrics=["accuracy"])
    histories[name] = model.fit(X, y, epochs=30, batch_size=64, verbose=0).history
    models[name] = model
    first = model.layers[0].get_weights()[0]
    print(f"{name:18s} accuracy {histories[name]['accuracy'][-1]:.3f}   "
          f"symmetric_units: {symmetric_units(model)}   "
          f"max |first kernel|: {np.abs(first).max():.3f}")

fig, ax = plt.subplots(figsize=(7, 4))
for name, hist in histories.items():
    ax.plot(hist["loss"], label=name)
ax.set_xlabel("epoch")
ax.set_ylabel("training loss")
ax.set_title("two moons: zero init vs He init")
ax.legend()
plt.show()

# %% [markdown]
# With zeros and `tanh` nothing but the output bias moves: the loss stays at $\ln 2 \approx 0.69$.
# With zeros and `sigmoid` the weights do change (look at `max |first kernel|`), yet
# `symmetric_units` is still True: 16 identical units behave like a single one, and the model
# cannot bend its decision boundary around the moons. He initialization breaks the symmetry and
# fits the data.
#
# ## Check yourself
#
# 1. A `Conv2D` layer has 3x3 kernels, 64 input channels and 128 filters. What are its
#    `fan_in` and `fan_out`, and what standard deviation does He normal use?
# 2. Why does the uniform limit carry a 6 where the normal variance carries a 2?
# 3. If you initialize every weight to the same constant 0.1 instead of 0, does the symmetry
#    problem go away? What if only the *output* layer is random?
# 4. Keras' default `kernel_initializer` for `Dense` is `glorot_uniform`. For a 50-layer ReLU
#    network, what would you change, and what does the experiment of section 5 predict
#    otherwise?
#
# ## Summary
#
# * $\text{Var}(z) = \mathrm{fan}_\mathrm{in}\cdot\text{Var}(W)\cdot E[x^2]$: per-layer factors multiply
#   over depth, so the scale of the weights must match the fan-in.
# * Xavier/Glorot: $\text{Var}(W) = 2/(\mathrm{fan}_\mathrm{in}+\mathrm{fan}_\mathrm{out})$, for tanh / linear.
# * He: $\text{Var}(W) = 2/\mathrm{fan}_\mathrm{in}$, for ReLU, which halves the second moment.
# * Uniform versions use the limit $\ell = \sqrt{3\,\text{Var}(W)}$.
# * Identical starting units stay identical: initialization must be random.

# %% [markdown]
# ## Submit
#
# `check_all()` runs every question's public tests once more. `export()` then writes the file to
# upload, named after the lab, from the cells you ran (what `check` judged), and says where it
# is; in Colab your browser downloads it too. Upload that file to your course's submission page.

# %%
check_all()
export()
