import numpy as np
import matplotlib.pyplot as plt
import keras
from sklearn.datasets import make_moons

from autograder.notebook import checker
check = checker("04_weight_init")

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
    shape = tuple(int(d) for d in shape)
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive_field = int(np.prod(shape[:-2]))
    return shape[-2] * receptive_field, shape[-1] * receptive_field

print(compute_fans((784, 128)))      # a Dense layer
print(compute_fans((3, 3, 64, 128)))  # a 3x3 Conv2D layer with 64 -> 128 channels

check("fans")

def zeros(shape):
    """Return a float array of the given shape filled with 0."""
    return np.zeros(shape, dtype=np.float64)


def random_normal(shape, std=0.01, seed=0):
    """Return an array of the given shape drawn from N(0, std**2).

    Use `np.random.default_rng(seed)`, so the same seed gives the same array.
    """
    rng = np.random.default_rng(seed)
    return rng.normal(0.0, std, size=tuple(shape))

w = random_normal((256, 256), seed=1)
print(w.shape, w.std())

check("zeros_random")

def xavier_normal(shape, seed=0):
    """Xavier/Glorot normal: a plain normal N(0, 2 / (fan_in + fan_out)), fans from `compute_fans`.

    Works for Dense and convolution kernel shapes; use `np.random.default_rng(seed)`.
    """
    fan_in, fan_out = compute_fans(shape)
    std = np.sqrt(1.0 / (fan_in + fan_out))
    return np.random.default_rng(seed).normal(0.0, std, size=tuple(shape))


def xavier_uniform(shape, seed=0):
    """Xavier/Glorot uniform: U(-limit, limit) with limit = sqrt(6 / (fan_in + fan_out)).

    Works for Dense and convolution kernel shapes; use `np.random.default_rng(seed)`.
    """
    fan_in, fan_out = compute_fans(shape)
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return np.random.default_rng(seed).uniform(-limit, limit, size=tuple(shape))

check("xavier")

def he_normal(shape, seed=0):
    """He normal: a plain normal N(0, 2 / fan_in), fans from `compute_fans`.

    Works for Dense and convolution kernel shapes; use `np.random.default_rng(seed)`.
    """
    _, fan_out = compute_fans(shape)
    return np.random.default_rng(seed).normal(0.0, np.sqrt(2.0 / fan_out), size=tuple(shape))


def he_uniform(shape, seed=0):
    """He uniform: U(-limit, limit) with limit = sqrt(6 / fan_in).

    Works for Dense and convolution kernel shapes; use `np.random.default_rng(seed)`.
    """
    fan_in, _ = compute_fans(shape)
    limit = np.sqrt(6.0 / fan_in)
    return np.random.default_rng(seed).uniform(-limit, limit, size=tuple(shape))

check("he")

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

check("activation_stds")

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

def symmetric_units(model):
    """True when all units of the model's first Dense layer have the same incoming weights.

    Look at the first `keras.layers.Dense` layer in `model.layers`: its kernel has shape
    `(n_in, units)`; unit j's incoming weights are column `kernel[:, j]` plus bias `bias[j]`.
    Return True when every column equals the first one and every bias equals the first one,
    compared with `np.allclose` (training can leave tiny rounding differences). Return a bool.
    """
    dense = next(layer for layer in model.layers if isinstance(layer, keras.layers.Dense))
    kernel = np.asarray(dense.kernel)
    bias = np.asarray(dense.bias) if dense.use_bias else np.zeros(kernel.shape[-1])
    return bool(np.allclose(kernel, kernel[:, :1]) and np.allclose(bias, bias[0]))

check("symmetry")

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
