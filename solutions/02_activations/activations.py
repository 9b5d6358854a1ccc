# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 02: Activation functions and vanishing gradients
#
# In lab 01 you saw that stacking linear layers buys nothing: the stack collapses into a single
# linear map. What makes a deep network more than a linear model is the small function applied
# after every layer, the **activation function**. Which one you choose decides what the network
# can express, how fast it trains, and whether the layers near the input learn at all.
#
# In this lab you write the common activations and their derivatives in numpy, make them safe for
# huge inputs, build a numerically stable softmax, and then measure in Keras why a deep stack of
# sigmoids hardly trains while a stack of ReLUs does.
#
# **Learning goals.** After this lab you can
# 1. write sigmoid, tanh, ReLU, leaky ReLU, softplus, swish and GELU and their derivatives;
# 2. explain why a formula that is correct on paper can overflow in floating point, and rewrite
#    it so that it is finite and warning-free for any input;
# 3. implement a softmax that works for logits of $10^4$ and along any axis;
# 4. check a derivative with finite differences and with `tf.GradientTape`;
# 5. measure vanishing gradients layer by layer and explain them with the chain rule.
#
# **How this notebook is graded.** Fill in the functions marked with
# `raise NotImplementedError`. After each group, a `check("...")` cell runs the public tests for
# that question. The grader only looks at your imports and function definitions, so the plots
# and experiments are for you: they are not graded, and they can use your functions freely.
#
# All functions take a numpy array `z` (any shape) and return a float array of the same shape.
# Derivatives are taken with respect to `z` and evaluated **at `z`** (the pre-activation), not at
# the activation's output.

# %%
from autograder.notebook import lab_tools
check, check_all, export = lab_tools("02_activations")

# %%
import warnings

import numpy as np
import matplotlib.pyplot as plt
import keras
import tensorflow as tf

# %% [markdown]
# ## 1. What an activation function does
#
# A Dense layer computes $z = xW + b$ and then $h = f(z)$, element by element. Three properties
# of $f$ matter in practice:
#
# * **its shape**: where it is linear, where it bends, where it is flat;
# * **its range**: bounded like $(0, 1)$, zero-centred like $(-1, 1)$, or unbounded;
# * **its derivative** $f'(z)$: backpropagation multiplies by $f'(z)$ at every layer, so where
#   $f$ is flat ($f' \approx 0$) the gradient signal dies, and where $f' = 1$ it passes intact.
#
# Keep the third point in mind: it is the thread of the whole lab.
#
# ## 2. The sigmoid
#
# The logistic sigmoid squashes any real number into $(0, 1)$:
#
# $$\sigma(z) = \frac{1}{1 + e^{-z}}.$$
#
# Its derivative has a famously neat form. With $u = 1 + e^{-z}$,
#
# $$\sigma'(z) = \frac{e^{-z}}{(1 + e^{-z})^2}
#   = \underbrace{\frac{1}{1+e^{-z}}}_{\sigma(z)}\cdot\underbrace{\frac{e^{-z}}{1+e^{-z}}}_{1-\sigma(z)}
#   = \sigma(z)\,\big(1 - \sigma(z)\big).$$
#
# Since $s(1-s)$ is largest at $s = \tfrac12$, the derivative is at most $\sigma'(0) = \tfrac14$.
# Remember that number.
#
# ### Overflow: correct maths, wrong floating point
#
# A float64 holds numbers up to about $1.8\cdot10^{308} \approx e^{709.78}$. For $z = -1000$ the
# textbook formula computes $e^{1000}$, which overflows to `inf`. Here $1/(1+\infty) = 0$ happens
# to be the right answer, but numpy warns `RuntimeWarning: overflow encountered in exp`, and a
# slightly different arrangement, such as $e^{z}/(1+e^{z})$, gives $\infty/\infty = $ `nan` for
# large positive $z$.
#
# The cure is to only ever exponentiate a **non-positive** number, so that $e^{(\cdot)} \in (0, 1]$.
# With $e = e^{-|z|}$:
#
# $$\sigma(z) = \begin{cases} \dfrac{1}{1 + e} & z \ge 0,\\[2ex] \dfrac{e}{1 + e} & z < 0,\end{cases}$$
#
# (multiply numerator and denominator of the textbook formula by $e^{z}$ to get the second line).
# One more trap: `np.where(cond, a, b)` evaluates **both** `a` and `b` for every element before
# choosing, so `np.where(z >= 0, 1/(1+np.exp(-z)), np.exp(z)/(1+np.exp(z)))` still overflows.
# Compute $e^{-|z|}$ once, then choose.

# %%
z_demo = np.array([-1000.0, -10.0, 0.0, 10.0, 1000.0])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    naive = 1 / (1 + np.exp(-z_demo))
    naive_ratio = np.exp(z_demo) / (1 + np.exp(z_demo))
print("1 / (1 + exp(-z))   :", naive)
print("exp(z) / (1 + exp(z)):", naive_ratio)
print("numpy warnings:", sorted({str(w.message) for w in caught}))


# %%
def sigmoid(z):
    """Logistic sigmoid 1 / (1 + exp(-z)), element-wise.

    Must be finite and warning-free for any input (|z| up to 1e4 and beyond): never call np.exp
    on a large positive number. Returns a float array of the same shape as `z`.
    """
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # in (0, 1]: cannot overflow
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    ### END SOLUTION


def sigmoid_grad(z):
    """Derivative of the sigmoid with respect to z, evaluated at z: sigma(z) * (1 - sigma(z)).

    Finite and warning-free for any input. Returns a float array of the same shape as `z`.
    """
    ### BEGIN SOLUTION
    s = sigmoid(z)
    return s * (1.0 - s)
    ### END SOLUTION


# %%
print(sigmoid(np.array([-1e4, -1.0, 0.0, 1.0, 1e4])))
print(sigmoid_grad(np.array([-1e4, 0.0, 1e4])))

# %%
check("sigmoid")

# %% [markdown]
# ## 3. tanh
#
# The hyperbolic tangent is a rescaled sigmoid, stretched to $(-1, 1)$:
#
# $$\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = 2\,\sigma(2z) - 1.$$
#
# Being **zero-centred** (its outputs average around 0 for symmetric inputs) makes life easier for
# the next layer, which is why tanh usually trains better than sigmoid in hidden layers. Its
# derivative follows from the quotient rule:
#
# $$\tanh'(z) = \frac{(e^{z}+e^{-z})^2 - (e^{z}-e^{-z})^2}{(e^{z}+e^{-z})^2} = 1 - \tanh^2(z),$$
#
# which is at most $\tanh'(0) = 1$: four times the sigmoid's best. Like the sigmoid it is flat for
# large $|z|$: a **saturated** unit passes almost no gradient.
#
# `np.tanh` is implemented carefully and is safe for any input, so you may use it; the
# exponential formula above is not (try $z = 1000$).

# %%
def tanh(z):
    """Hyperbolic tangent, element-wise; finite for any input. Returns a float array."""
    ### BEGIN SOLUTION
    return np.tanh(np.asarray(z, dtype=np.float64))
    ### END SOLUTION


def tanh_grad(z):
    """Derivative of tanh with respect to z, evaluated at z: 1 - tanh(z)**2. Returns a float array."""
    ### BEGIN SOLUTION
    t = tanh(z)
    return 1.0 - t**2
    ### END SOLUTION


# %%
check("tanh")

# %% [markdown]
# ## 4. ReLU and leaky ReLU
#
# The rectified linear unit keeps positive inputs and zeroes the rest:
#
# $$\mathrm{relu}(z) = \max(z, 0), \qquad
#   \mathrm{relu}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z < 0. \end{cases}$$
#
# Where a unit is active its derivative is exactly 1, so gradients pass through any number of
# active ReLUs unchanged. The derivative does not exist at $z = 0$; frameworks pick a value, and
# TensorFlow (like this lab) uses $\mathrm{relu}'(0) = 0$.
#
# The price is the flat half: a unit whose pre-activation is negative for every input gets zero
# gradient and never recovers (a **dead ReLU**). **Leaky ReLU** keeps a small slope $\alpha$ on the
# negative side so that the gradient never vanishes completely:
#
# $$\mathrm{leaky}_\alpha(z) = \begin{cases} z & z > 0 \\ \alpha z & z \le 0, \end{cases} \qquad
#   \mathrm{leaky}_\alpha'(z) = \begin{cases} 1 & z > 0 \\ \alpha & z \le 0. \end{cases}$$
#
# At $z = 0$ we again follow TensorFlow: $\mathrm{leaky}'_\alpha(0) = \alpha$.
# (Keras' `leaky_relu` calls $\alpha$ `negative_slope` and defaults to 0.2; ours defaults to 0.01.)

# %%
def relu(z):
    """max(z, 0), element-wise. Returns a float array of the same shape as `z`."""
    ### BEGIN SOLUTION
    return np.maximum(np.asarray(z, dtype=np.float64), 0.0)
    ### END SOLUTION


def relu_grad(z):
    """Derivative of relu at z: 1.0 where z > 0, else 0.0 (so relu_grad(0) == 0). Float array."""
    ### BEGIN SOLUTION
    return (np.asarray(z) > 0).astype(np.float64)
    ### END SOLUTION


def leaky_relu(z, alpha=0.01):
    """z where z > 0, alpha * z elsewhere. Returns a float array of the same shape as `z`."""
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, z, alpha * z)
    ### END SOLUTION


def leaky_relu_grad(z, alpha=0.01):
    """Derivative of leaky_relu at z: 1.0 where z > 0, alpha elsewhere (alpha at z == 0). Float array."""
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, 1.0, alpha)
    ### END SOLUTION


# %%
check("relu")

# %% [markdown]
# ## 5. Smooth relatives: softplus, swish and GELU
#
# **Softplus** is a smooth ReLU:
#
# $$\mathrm{softplus}(z) = \log(1 + e^{z}), \qquad \mathrm{softplus}'(z) = \frac{e^{z}}{1+e^{z}} = \sigma(z).$$
#
# The textbook formula overflows for $z \gtrsim 710$, although the answer is simply $\approx z$.
# Split off the large part: for $z > 0$, $\log(1+e^{z}) = z + \log(1 + e^{-z})$, so for all $z$
#
# $$\mathrm{softplus}(z) = \max(z, 0) + \log\!\big(1 + e^{-|z|}\big),$$
#
# where `np.log1p(x)` computes $\log(1+x)$ accurately even for tiny $x$ (`np.logaddexp(0, z)`
# does the same job).
#
# **Swish** (also called SiLU) lets the sigmoid act as a soft gate on the input itself:
#
# $$\mathrm{swish}(z) = z\,\sigma(z).$$
#
# **GELU** gates the input by the probability that a standard normal variable is below it,
# $\mathrm{gelu}(z) = z\,\Phi(z)$, where $\Phi$ is the normal CDF. It is used in BERT and GPT;
# their code (and Keras with `approximate=True`) uses the **tanh approximation**, which is what we
# implement here:
#
# $$\mathrm{gelu}(z) \approx \tfrac12\, z\left(1 + \tanh\!\Big(\sqrt{2/\pi}\,\big(z + 0.044715\,z^3\big)\Big)\right).$$
#
# It differs from the exact $z\,\Phi(z)$ by up to about $5\cdot10^{-4}$, far more than the
# tolerance of the tests, so use exactly this formula.

# %%
def softplus(z):
    """log(1 + exp(z)), element-wise; finite and warning-free for any input. Float array."""
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))
    ### END SOLUTION


def softplus_grad(z):
    """Derivative of softplus at z (it is the sigmoid); finite for any input. Float array."""
    ### BEGIN SOLUTION
    return sigmoid(z)
    ### END SOLUTION


def swish(z):
    """Swish / SiLU: z * sigmoid(z), element-wise; finite for any input. Float array."""
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    return z * sigmoid(z)
    ### END SOLUTION


def gelu(z):
    """GELU, tanh approximation: 0.5 * z * (1 + tanh(sqrt(2/pi) * (z + 0.044715 * z**3))). Float array."""
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    return 0.5 * z * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (z + 0.044715 * z**3)))
    ### END SOLUTION


# %%
check("smooth")

# %% [markdown]
# ## 6. The whole family in one picture
#
# Left: the functions. Right: their derivatives, which is what backpropagation multiplies by.
# Look at the right panel for the sigmoid: it never exceeds $0.25$, and it is practically $0$ once
# $|z| > 5$.

# %%
z = np.linspace(-5, 5, 401)
functions = {
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "relu": (relu, relu_grad),
    "leaky relu (alpha=0.1)": (lambda v: leaky_relu(v, 0.1), lambda v: leaky_relu_grad(v, 0.1)),
    "softplus": (softplus, softplus_grad),
    "swish": (swish, None),
    "gelu": (gelu, None),
}
fig, axes = plt.subplots(1, 2, figsize=(13, 4.5))
for name, (f, df) in functions.items():
    line, = axes[0].plot(z, f(z), label=name)
    if df is None:  # no graded derivative: a central difference is good enough for a picture
        h = 1e-5
        axes[1].plot(z, (f(z + h) - f(z - h)) / (2 * h), color=line.get_color(), linestyle="--",
                     label=f"{name} (finite difference)")
    else:
        axes[1].plot(z, df(z), color=line.get_color(), label=name)
axes[0].set_ylim(-1.5, 3)
axes[0].set_title("activation f(z)")
axes[1].set_title("derivative f'(z)")
for ax in axes:
    ax.axhline(0, color="k", linewidth=0.5)
    ax.axvline(0, color="k", linewidth=0.5)
    ax.set_xlabel("z")
    ax.grid(alpha=0.3)
axes[1].legend(fontsize=8)
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 7. Checking derivatives two ways
#
# Never trust a derivative you wrote by hand until you have checked it. Two independent checks:
#
# * **Central finite differences**: $f'(z) \approx \dfrac{f(z+h) - f(z-h)}{2h}$, with error
#   $O(h^2)$. With $h = 10^{-5}$ in float64 this is accurate to about $10^{-10}$.
# * **Automatic differentiation**: TensorFlow records the operations inside a `tf.GradientTape`
#   and differentiates them exactly. `tape.gradient(y, x)` gives $\partial\,(\sum y)/\partial x$,
#   which for an element-wise function is exactly the vector of $f'(z_i)$.
#
# Below we check your derivatives against Keras' own activations.

# %%
z = np.linspace(-6, 6, 25) + 0.01  # avoid z == 0, where relu has a kink
x = tf.Variable(z)
for name, keras_f, grad in [
    ("sigmoid", keras.activations.sigmoid, sigmoid_grad),
    ("tanh", keras.activations.tanh, tanh_grad),
    ("relu", keras.activations.relu, relu_grad),
    ("softplus", keras.activations.softplus, softplus_grad),
]:
    with tf.GradientTape() as tape:
        y = keras_f(x)
    autodiff = tape.gradient(y, x).numpy()
    h = 1e-5
    finite = (keras_f(z + h).numpy() - keras_f(z - h).numpy()) / (2 * h)
    print(f"{name:9s} max |yours - GradientTape| = {np.abs(grad(z) - autodiff).max():.1e}   "
          f"max |yours - finite difference| = {np.abs(grad(z) - finite).max():.1e}")

# %% [markdown]
# ## 8. Softmax
#
# A classifier's last layer turns a vector of **logits** $z \in \mathbb{R}^K$ into class
# probabilities:
#
# $$\mathrm{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{K} e^{z_j}}.$$
#
# The outputs are positive and sum to 1. Adding the same constant $c$ to every logit changes
# nothing, because $e^{z_i - c} / \sum_j e^{z_j - c} = e^{-c}e^{z_i} / (e^{-c}\sum_j e^{z_j})$.
# Choosing $c = \max_j z_j$ makes the largest exponent exactly $e^0 = 1$ and all others
# $\le 1$: no overflow, and the denominator is at least 1, so no division by zero.
# Without the shift, logits of $10^4$ give $\infty/\infty = $ `nan`.
#
# In practice logits come in a batch, shape `(batch, classes)`, and softmax runs along the class
# axis (`axis=-1`). Your function takes an `axis` argument and must normalise along that axis
# only: `np.max(..., axis=axis, keepdims=True)` keeps the reduced axis so that broadcasting lines
# up.

# %%
def softmax(z, axis=-1):
    """Numerically stable softmax of `z` along `axis`.

    Subtract the maximum along `axis` before exponentiating. The result has the shape of `z`,
    is finite for logits as large as 1e4, and sums to 1 along `axis`.
    """
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)
    ### END SOLUTION


# %%
logits = np.array([[1.0, 2.0, 3.0], [1e4, 0.0, -1e4]])
print(softmax(logits))
print("rows sum to", softmax(logits).sum(axis=1))

# %%
check("softmax")

# %% [markdown]
# ## 9. Vanishing gradients in a deep network
#
# Take an MLP with hidden layers $h^{(l)} = f(z^{(l)})$, $z^{(l)} = h^{(l-1)} W^{(l)} + b^{(l)}$,
# and a loss $L$. Backpropagation computes the error signal
# $\delta^{(l)} = \partial L / \partial z^{(l)}$ from the layer above:
#
# $$\delta^{(l)} = \big(\delta^{(l+1)}\, W^{(l+1)\top}\big) \odot f'\!\big(z^{(l)}\big),
#   \qquad \frac{\partial L}{\partial W^{(l)}} = h^{(l-1)\top}\,\delta^{(l)}.$$
#
# Going down one layer multiplies the signal by a weight matrix **and by $f'$**. Over $L$ layers
# the signal reaching the first layer carries a product of $L$ such factors. With the sigmoid each
# factor is at most $\tfrac14$, so with weights of moderate size the gradient of the first layer
# can be something like $4^{-9} \approx 4\cdot10^{-6}$ times that of the tenth: the first layers
# barely learn. This is the **vanishing gradient problem**. With ReLU, $f' = 1$ on the active
# units, and with a suitable initialization (lab 04) the signal keeps its size.
#
# Let us measure it. `gradient_norms` builds a deep MLP in Keras, computes the loss on one batch
# inside a `tf.GradientTape`, and returns the size (L2 norm) of the gradient of every kernel:
#
# ```python
# with tf.GradientTape() as tape:
#     loss = loss_fn(y, model(X))
# grads = tape.gradient(loss, [layer.kernel for layer in model.layers])
# ```

# %%
def gradient_norms(activation, depth=10, width=32, seed=0):
    """L2 norm of the loss gradient with respect to every Dense kernel of a deep MLP.

    Follow this recipe (the tests compare with a simulation of it, with a tolerance):
    - call `keras.utils.set_random_seed(seed)`; then the batch
      `rng = np.random.default_rng(seed)`, `X = rng.standard_normal((256, width))` and labels
      `y = (X.sum(axis=1, keepdims=True) > 0)`, both as float32 (y has shape (256, 1));
    - model: `keras.Input((width,))`, then `depth` hidden layers
      `keras.layers.Dense(width, activation=activation)`, then the output layer
      `keras.layers.Dense(1, activation="sigmoid")`; keep Keras' default initializers;
    - inside a `tf.GradientTape`: the mean binary cross-entropy between y and the model's
      output on X (`keras.losses.BinaryCrossentropy()`);
    - the gradient with respect to each Dense layer's kernel (not the biases), and its L2 norm
      (square root of the sum of squares of all its entries).
    `activation` is a Keras activation name such as "sigmoid", "tanh" or "relu".
    Returns a list of `depth + 1` Python floats: the hidden layers first to last, then the
    output layer.
    """
    ### BEGIN SOLUTION
    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((256, width)).astype("float32")
    y = (X.sum(axis=1, keepdims=True) > 0).astype("float32")
    model = keras.Sequential(
        [keras.Input((width,))]
        + [keras.layers.Dense(width, activation=activation) for _ in range(depth)]
        + [keras.layers.Dense(1, activation="sigmoid")]
    )
    kernels = [layer.kernel for layer in model.layers]
    with tf.GradientTape() as tape:
        loss = keras.losses.BinaryCrossentropy()(y, model(X, training=True))
    grads = tape.gradient(loss, kernels)
    return [float(tf.norm(g)) for g in grads]
    ### END SOLUTION


# %%
check("gradient_norms")

# %% [markdown]
# The plot shows the gradient norm of each layer (layer 1 is next to the input, the last point is
# the output layer), for three seeds each. The y-axis is logarithmic: a straight line going down
# towards layer 1 is exponential decay.

# %%
fig, ax = plt.subplots(figsize=(8, 4.5))
colors = {"sigmoid": "tab:red", "tanh": "tab:green", "relu": "tab:blue"}
for act, color in colors.items():
    for seed in range(3):
        norms = gradient_norms(act, depth=10, seed=seed)
        ax.plot(range(1, len(norms) + 1), norms, marker="o", markersize=3, color=color,
                alpha=0.8, label=act if seed == 0 else None)
ax.set_yscale("log")
ax.set_xlabel("layer (1 = first hidden layer, 11 = output layer)")
ax.set_ylabel("||dL/dW|| (log scale)")
ax.set_title("gradient norm per layer, 10 hidden layers of 32 units")
ax.grid(True, which="major", alpha=0.3)
ax.legend()
plt.show()

# %% [markdown]
# What to notice:
# * **sigmoid**: the gradient shrinks by roughly a factor 3 to 5 per layer on the way down; the
#   first layer's gradient is around $10^{-5}$ of the last hidden layer's. A learning rate that
#   suits the top layers leaves the bottom ones practically frozen.
# * **relu** and **tanh** (with Keras' default Glorot initialization) keep the gradient at
#   roughly the same size in every layer: their derivatives are 1 (ReLU, active units) or close
#   to 1 (tanh near 0), instead of at most $\tfrac14$.
#
# This is why ReLU-family activations (ReLU, leaky ReLU, GELU, swish) are the default in the
# hidden layers of deep networks, and sigmoid survives mostly at the output, for probabilities.
#
# ## Check yourself
#
# 1. The sigmoid's derivative is at most $\tfrac14$. Ignoring the weights, by at least what factor
#    is the gradient reaching the first of 20 sigmoid layers smaller than at the last one?
# 2. `sigmoid(z)` written as `np.exp(z) / (1 + np.exp(z))` returns `nan` for `z = 1000`. Why,
#    and why does subtracting the maximum fix the same problem in softmax?
# 3. A ReLU unit has a large negative bias after a bad update. What gradient does it receive, and
#    how would leaky ReLU change that?
# 4. Why is $\mathrm{softplus}'(z) = \sigma(z)$? What does this say about the relation between
#    softplus and ReLU?
#
# ## Summary
#
# * Backpropagation multiplies by $f'(z)$ at every layer: an activation's derivative decides how
#   well gradients travel through depth.
# * Sigmoid: $\sigma' = \sigma(1-\sigma) \le \tfrac14$; tanh: $1 - \tanh^2 \le 1$, both saturate;
#   ReLU: derivative 1 on active units, 0 elsewhere; leaky ReLU keeps a slope $\alpha$.
# * Softplus, swish and GELU are smooth ReLU-like functions.
# * Exponentials overflow past $e^{709}$: only exponentiate non-positive numbers
#   ($e^{-|z|}$ in sigmoid and softplus, $z - \max z$ in softmax).
# * A deep sigmoid network's first layers get gradients orders of magnitude smaller than its last
#   ones: the vanishing gradient problem.

# %% [markdown]
# ## Submit
#
# `check_all()` runs every question's public tests once more. `export()` then writes the file to
# upload, named after the lab, from the cells you ran (what `check` judged), and says where it
# is; in Colab your browser downloads it too. Upload that file to your course's submission page.

# %%
check_all()
export()
