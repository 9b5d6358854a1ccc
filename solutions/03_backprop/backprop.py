# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 03: Backpropagation by hand
#
# Keras trains a network with one line, `model.fit(...)`. Underneath, every training step does
# the same three things: push the data forward through the network, measure how wrong the
# predictions are, and send that error backwards to find out how much each weight is to blame.
# The backward part is **backpropagation**: the chain rule of calculus, organised so that the
# gradient of the loss with respect to *every* weight costs about as much as one forward pass.
#
# In this lab you build all of it yourself in numpy, for a small network with one hidden layer,
# and train it to separate the two interleaving half-moons below. No autodiff: every gradient
# is written by hand, and then checked twice, against finite differences and against
# TensorFlow's `tf.GradientTape`.
#
# **Learning goals.** After this lab you can
# 1. write the forward pass of a 2-layer network with matrices, for a whole batch at once;
# 2. compute the binary cross-entropy loss without producing `inf` or `nan`;
# 3. derive the backward pass with the chain rule, and explain why the output error is simply
#    $\hat y - y$;
# 4. check any gradient with central finite differences, and know why central beats forward;
# 5. train the network with gradient descent and read its loss curve and decision boundary.
#
# **How this notebook is graded.** Fill in the functions marked with
# `raise NotImplementedError`. After each one, a `check("...")` cell runs the public tests for
# that question. The grader only looks at your imports and function definitions, so the plots
# and experiments are for you: they are not graded, and they can use your functions freely.
# Use `np.random.default_rng(seed)` for every random draw, so results are reproducible.

# %%
from autograder.notebook import lab_tools
check, check_all, export = lab_tools("03_backprop")

# %%
import numpy as np
import matplotlib.pyplot as plt
import tensorflow as tf
from sklearn.datasets import make_moons

# %% [markdown]
# ## 1. The data: two moons
#
# 500 points in the plane, two classes, each shaped like a half-moon, the two moons hooked into
# each other. No straight line separates them, so a single neuron (a logistic regression) cannot
# do it: we need a hidden layer.

# %%
X, y = make_moons(500, noise=0.1, random_state=0)
print("X:", X.shape, X.dtype, "  y:", y.shape, y.dtype, "  classes:", np.unique(y))

fig, ax = plt.subplots(figsize=(5.5, 4))
ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", s=12, edgecolors="k", linewidths=0.3)
ax.set_title("make_moons(500, noise=0.1)")
ax.set_xlabel("$x_1$")
ax.set_ylabel("$x_2$")
plt.show()

# %% [markdown]
# ## 2. The network and its forward pass
#
# Our network has $n_\text{in}$ inputs, one hidden layer of $n_h$ `tanh` units and $n_\text{out}$
# sigmoid outputs (here $n_\text{in} = 2$, $n_\text{out} = 1$). We process a whole **batch** of $m$
# examples at once: the rows of $X$ (shape $m \times n_\text{in}$) are the examples, the same
# convention as Keras (`x @ W + b`).
#
# $$
# \begin{aligned}
# Z_1 &= X W_1 + b_1 & &(m \times n_h) \\
# A_1 &= \tanh(Z_1) & &(m \times n_h) \\
# Z_2 &= A_1 W_2 + b_2 & &(m \times n_\text{out}) \\
# \hat Y &= \sigma(Z_2) = \frac{1}{1 + e^{-Z_2}} & &(m \times n_\text{out})
# \end{aligned}
# $$
#
# The bias vectors $b_1$ (length $n_h$) and $b_2$ (length $n_\text{out}$) are added to every row
# (numpy broadcasting does that for us). Each entry of $\hat Y$ is the network's probability that
# the example belongs to class 1.
#
# ### Initialization
#
# The weights start small and random: random so that the hidden units differ from each other
# (identical units would receive identical updates forever), small so that `tanh` starts in its
# steep, nearly linear region. We scale each weight matrix by $1/\sqrt{\text{fan-in}}$, which keeps
# the variance of $Z$ close to that of the inputs (Lab 04 explains why). Biases start at zero.
#
# $$W_1 \sim \mathcal N\!\left(0, \tfrac{1}{n_\text{in}}\right), \qquad
#   W_2 \sim \mathcal N\!\left(0, \tfrac{1}{n_h}\right), \qquad b_1 = 0,\ b_2 = 0.$$

# %%
def init_params(n_in, n_hidden, n_out, seed=0):
    """Initial parameters of the 2-layer network, as a dict of float numpy arrays.

    - "W1": shape (n_in, n_hidden), drawn from N(0, 1 / n_in)  (std 1 / sqrt(n_in))
    - "b1": shape (n_hidden,), zeros
    - "W2": shape (n_hidden, n_out), drawn from N(0, 1 / n_hidden)
    - "b2": shape (n_out,), zeros
    Draw with `rng = np.random.default_rng(seed)`, so the same seed gives the same parameters.
    """
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.normal(0.0, 1.0 / np.sqrt(n_hidden), size=(n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }
    ### END SOLUTION


# %%
params = init_params(2, 16, 1, seed=0)
for name, value in params.items():
    print(name, value.shape)

# %%
check("init")

# %% [markdown]
# ### The forward pass
#
# `forward` returns the predictions **and a cache**: whatever intermediate values the backward
# pass will need later, so that it does not have to recompute them. What you put in the cache is
# up to you (a dict such as `{"A1": A1, "y_hat": y_hat}` is a good choice); `backward` receives it
# back unchanged.
#
# *Numerical detail.* `1 / (1 + np.exp(-z))` overflows (with a warning) for very negative `z`,
# e.g. `np.exp(1000)`. An exactly equal form that never overflows is
# $\sigma(z) = \tfrac12\big(1 + \tanh(z/2)\big)$.

# %%
def forward(X, params):
    """Forward pass: tanh hidden layer, sigmoid output.

    X: array of shape (m, n_in), one example per row. params: a dict like init_params returns.
    Returns `(y_hat, cache)`:
    - y_hat: array of shape (m, n_out) with values in [0, 1], y_hat = sigmoid(tanh(X W1 + b1) W2 + b2);
    - cache: anything `backward` will need (e.g. a dict holding the hidden activations A1 and
      y_hat); it is passed back to `backward` unchanged.
    """
    ### BEGIN SOLUTION
    A1 = np.tanh(X @ params["W1"] + params["b1"])
    Z2 = A1 @ params["W2"] + params["b2"]
    y_hat = 0.5 * (1.0 + np.tanh(0.5 * Z2))  # = 1 / (1 + exp(-Z2)), without overflow
    return y_hat, {"A1": A1, "y_hat": y_hat}
    ### END SOLUTION


# %%
y_hat, cache = forward(X, params)
print("y_hat:", y_hat.shape, " first predictions:", np.round(y_hat[:5, 0], 3))

# %%
check("forward")

# %% [markdown]
# ## 3. The loss: binary cross-entropy
#
# For a label $y \in \{0, 1\}$ and a predicted probability $\hat y$, the binary cross-entropy is
# the negative log-likelihood of the label:
#
# $$\ell(\hat y, y) = -\big(y \log \hat y + (1 - y)\log(1 - \hat y)\big),
#   \qquad L = \frac1m \sum_{i=1}^m \ell(\hat y_i, y_i).$$
#
# If the label is 1, only $-\log\hat y$ counts: it is $0$ for a confident correct prediction and
# grows without bound as $\hat y \to 0$. That is the point (confident mistakes are punished hard),
# but it is also a numerical trap: a sigmoid that saturates returns exactly `0.0` or `1.0` in
# floating point, `np.log(0.0)` is `-inf`, and `0 * -inf` is `nan`. One `nan` in the loss and
# training is over. The standard fix is to **clip** the predictions into $[\epsilon, 1 - \epsilon]$
# with a tiny $\epsilon$ before taking logs (Keras does the same, with $\epsilon = 10^{-7}$).
#
# *Shapes.* `forward` returns `y_hat` of shape `(m, 1)`, while labels usually come as `(m,)`.
# Careful: numpy broadcasts `(m, 1)` against `(m,)` to an `(m, m)` matrix without any error, and
# the mean of that matrix is not the loss. Reshape `y` to the shape of `y_hat` first.

# %%
def bce_loss(y_hat, y):
    """Mean binary cross-entropy between predictions y_hat and 0/1 labels y, as a float.

    y_hat and y may each have shape (m,) or (m, 1) (reshape y like y_hat before combining them).
    Clip y_hat into [eps, 1 - eps] with a tiny eps (1e-12 works; anything from 1e-15 to 1e-7 is
    fine) so that the loss stays finite when y_hat is exactly 0 or 1.
    """
    ### BEGIN SOLUTION
    y_hat = np.asarray(y_hat, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64).reshape(y_hat.shape)
    eps = 1e-12
    p = np.clip(y_hat, eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
    ### END SOLUTION


# %%
print("loss at initialization:", bce_loss(y_hat, y), "  (ln 2 =", np.log(2), ")")
print("confident and wrong:", bce_loss(np.array([0.0, 1.0]), np.array([1, 0])))
print("confident and right:", bce_loss(np.array([1.0, 0.0]), np.array([1, 0])))

# %% [markdown]
# At initialization the predictions are all close to $0.5$, so the loss is close to
# $-\log 0.5 = \ln 2 \approx 0.693$: a useful sanity check for any binary classifier.

# %%
check("loss")

# %% [markdown]
# ## 4. Gradients, the slow way: finite differences
#
# Training needs $\partial L / \partial \theta$ for every parameter $\theta$. The most direct
# way is the definition of the derivative: nudge one parameter and watch the loss move,
#
# $$\frac{\partial f}{\partial x_i} \approx \frac{f(x + \epsilon e_i) - f(x - \epsilon e_i)}{2\epsilon},$$
#
# where $e_i$ is the array with a 1 in position $i$ and 0 elsewhere. This is the **central**
# difference. Why not the simpler forward difference $\big(f(x + \epsilon e_i) - f(x)\big)/\epsilon$?
# Taylor-expand $f$ around $x$:
#
# $$f(x \pm \epsilon e_i) = f(x) \pm \epsilon f' + \tfrac{\epsilon^2}{2} f'' \pm \tfrac{\epsilon^3}{6} f''' + \dots$$
#
# The forward difference keeps the $\tfrac{\epsilon}{2}f''$ term: its error is $O(\epsilon)$. In
# the central difference the even terms cancel and the error is $O(\epsilon^2)$: with
# $\epsilon = 10^{-5}$, about $10^{-10}$ instead of $10^{-5}$. Make $\epsilon$ too small, though,
# and floating-point rounding in $f$ (about $10^{-16}$ relative) divided by $\epsilon$ takes over.
#
# The catch: one gradient costs **two evaluations of $f$ per parameter**. For a network with a
# million weights that is two million forward passes per step, hopeless for training, but
# perfect for *checking* a hand-written gradient on a small example.
#
# Your `numerical_gradient(f, x, eps)` must work for an `x` of any shape (a vector, a weight
# matrix, ...). Either perturb a copy of `x`, or perturb `x` in place and put the original value
# back before moving to the next entry: a forgotten restore silently shifts every later entry.
# `np.ndindex(x.shape)` visits every index of an array of any shape.

# %%
def numerical_gradient(f, x, eps=1e-5):
    """Central-difference gradient of a scalar function f at the float array x.

    f takes an array of the same shape as x and returns a number.
    Returns an array of x's shape whose entry i is (f(x + eps*e_i) - f(x - eps*e_i)) / (2*eps),
    where e_i is 1 at index i and 0 elsewhere. x must hold its original values when you return.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + eps
        f_plus = float(f(x))
        x[index] = original - eps
        f_minus = float(f(x))
        x[index] = original
        grad[index] = (f_plus - f_minus) / (2.0 * eps)
    return grad
    ### END SOLUTION


# %%
v = np.array([3.0, -4.0])
print("gradient of the norm at (3, -4):", numerical_gradient(np.linalg.norm, v), " exact:", v / 5)

# %%
check("numgrad")

# %% [markdown]
# ### How small should $\epsilon$ be?
#
# We differentiate $f(x) = \sum_i \sin(x_i)$, whose exact gradient is $\cos(x)$, with central
# differences and with forward differences, for a range of $\epsilon$. On a log-log plot the
# truncation error is a straight line of slope 2 (central) or 1 (forward); to the left, rounding
# error grows like $1/\epsilon$.

# %%
def forward_difference(f, x, eps):
    grad = np.zeros_like(x)
    f0 = f(x)
    for index in np.ndindex(x.shape):
        shifted = x.copy()
        shifted[index] += eps
        grad[index] = (f(shifted) - f0) / eps
    return grad


x0 = np.random.default_rng(0).uniform(-2, 2, size=5)
exact = np.cos(x0)
epsilons = np.logspace(-12, -1, 23)
central_err = [np.abs(numerical_gradient(lambda x: np.sin(x).sum(), x0.copy(), e) - exact).max() for e in epsilons]
forward_err = [np.abs(forward_difference(lambda x: np.sin(x).sum(), x0.copy(), e) - exact).max() for e in epsilons]

fig, ax = plt.subplots(figsize=(6.5, 4))
ax.loglog(epsilons, central_err, "o-", markersize=3, label="central difference")
ax.loglog(epsilons, forward_err, "s-", markersize=3, label="forward difference")
ax.set_xlabel(r"$\epsilon$")
ax.set_ylabel("max |numerical - exact|")
ax.set_title("finite-difference error")
ax.grid(True, which="major", alpha=0.3)
ax.legend()
plt.show()

# %% [markdown]
# The central difference reaches about $10^{-10}$ for $\epsilon$ around $10^{-6}$ to $10^{-5}$; the
# forward difference never does better than a few times $10^{-8}$, and only for one lucky
# $\epsilon$. That is why `eps=1e-5` is the default.
#
# ## 5. Gradients, the fast way: backpropagation
#
# ### Intuition: blame flows backwards
#
# Think of the network as a pipeline of simple steps, $X \to Z_1 \to A_1 \to Z_2 \to \hat Y \to L$.
# The chain rule says that the sensitivity of $L$ to anything early in the pipeline is the product
# of the local sensitivities of the steps in between. Backpropagation evaluates that product
# from the end: it first asks how $L$ depends on the last step, then hands that "blame" back one
# step at a time, each step multiplying in its own local derivative. Every intermediate result is
# reused, so all gradients together cost about one extra forward pass, instead of two forward
# passes per parameter.
#
# We write $dV$ for $\partial L / \partial V$, an array of the same shape as $V$.
#
# ### The output layer
#
# For one example, with $\hat y = \sigma(z)$ and $\sigma'(z) = \sigma(z)(1 - \sigma(z))$:
#
# $$\frac{\partial \ell}{\partial z}
#   = \frac{\partial \ell}{\partial \hat y}\,\sigma'(z)
#   = \left(-\frac{y}{\hat y} + \frac{1 - y}{1 - \hat y}\right)\hat y(1 - \hat y)
#   = -y(1 - \hat y) + (1 - y)\hat y = \hat y - y.$$
#
# Everything cancels: sigmoid and cross-entropy are made for each other. The loss is the
# **mean** over the $m$ examples, so each example's share carries a factor $1/m$:
#
# $$dZ_2 = \frac{1}{m}(\hat Y - Y) \qquad (m \times n_\text{out}).$$
#
# ### Through a linear layer
#
# $Z_2 = A_1 W_2 + b_2$, i.e. $Z_{2,ik} = \sum_j A_{1,ij} W_{2,jk} + b_{2,k}$. The weight $W_{2,jk}$
# touches $Z_{2,ik}$ for every example $i$, with local derivative $A_{1,ij}$; summing over the
# examples gives a matrix product. The bias touches every example with derivative 1; the hidden
# activation $A_{1,ij}$ touches every output $k$ with derivative $W_{2,jk}$:
#
# $$dW_2 = A_1^\top dZ_2, \qquad db_2 = \sum_{i=1}^m dZ_{2,i}, \qquad dA_1 = dZ_2\, W_2^\top.$$
#
# A quick check of the shapes always helps: $A_1^\top dZ_2$ is $(n_h \times m)(m \times n_\text{out})$,
# the shape of $W_2$.
#
# ### Through the tanh
#
# $A_1 = \tanh(Z_1)$ acts entry by entry, and $\tanh'(z) = 1 - \tanh^2(z)$, which we already
# have in the cache as $A_1$:
#
# $$dZ_1 = dA_1 \odot (1 - A_1^2),$$
#
# where $\odot$ is the element-wise product (`*` in numpy). Forgetting this factor is the most
# common backprop bug: the code runs, the shapes are right, and the gradient is wrong.
#
# ### The first layer
#
# Exactly the same rule as for the output layer's weights:
#
# $$dW_1 = X^\top dZ_1, \qquad db_1 = \sum_{i=1}^m dZ_{1,i}.$$
#
# The biases' gradients are column sums: `dZ1.sum(axis=0)`, shape $(n_h,)$, the shape of $b_1$.
# Every gradient must have the shape of its parameter, so that `params[k] - lr * grads[k]` works.

# %%
def backward(X, y, params, cache):
    """Gradients of the mean binary cross-entropy (bce_loss of forward(X, params)) w.r.t. params.

    X: (m, n_in); y: 0/1 labels of shape (m,) or (m, 1); params: dict of W1, b1, W2, b2;
    cache: the second value returned by forward(X, params).
    Returns a dict with keys "W1", "b1", "W2", "b2", each gradient with the shape of its parameter.
    Use dZ2 = (y_hat - y) / m (ignore the clipping of bce_loss).
    """
    ### BEGIN SOLUTION
    A1, y_hat = cache["A1"], cache["y_hat"]
    m = X.shape[0]
    Y = np.asarray(y, dtype=np.float64).reshape(y_hat.shape)
    dZ2 = (y_hat - Y) / m
    dW2 = A1.T @ dZ2
    db2 = dZ2.sum(axis=0)
    dA1 = dZ2 @ params["W2"].T
    dZ1 = dA1 * (1.0 - A1**2)
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    ### END SOLUTION


# %%
grads = backward(X, y, params, cache)
for name, value in grads.items():
    print(f"d{name}", value.shape, " |grad| =", np.linalg.norm(value).round(5))

# %%
check("backward")

# %% [markdown]
# ## 6. Gradient checking
#
# Never trust a hand-written gradient you have not checked. We compare `backward` with
# `numerical_gradient` on each parameter, using the **relative error**
#
# $$\text{rel}(a, b) = \frac{\lVert a - b\rVert}{\lVert a\rVert + \lVert b\rVert}.$$
#
# In float64 with central differences, a correct gradient gives about $10^{-8}$ or less; a
# bug typically gives $10^{-2}$ to $1$. We use a small batch: the numerical gradient costs two
# forward passes per parameter.

# %%
def relative_error(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300)


Xs, ys = X[:20], y[:20]
check_params = init_params(2, 5, 1, seed=1)
check_params["b1"] = np.random.default_rng(2).normal(size=5)  # nonzero biases, a stronger test
y_hat_s, cache_s = forward(Xs, check_params)
analytic = backward(Xs, ys, check_params, cache_s)

for name in check_params:
    def loss_of(value, name=name):
        return bce_loss(forward(Xs, {**check_params, name: value})[0], ys)

    numeric = numerical_gradient(loss_of, check_params[name].copy())
    print(f"{name}: relative error vs finite differences = {relative_error(analytic[name], numeric):.2e}")

# %% [markdown]
# ### A second opinion: automatic differentiation
#
# TensorFlow's `tf.GradientTape` records the operations of the forward pass and runs
# backpropagation for us: exactly the algorithm you wrote, applied automatically to the recorded
# graph. Keras' `model.fit` uses it in every step. It must agree with your `backward` to about
# machine precision (we compute in float64).

# %%
tf_params = {name: tf.Variable(value) for name, value in check_params.items()}
with tf.GradientTape() as tape:
    A1_tf = tf.tanh(Xs @ tf_params["W1"] + tf_params["b1"])
    logits = A1_tf @ tf_params["W2"] + tf_params["b2"]
    labels = tf.constant(ys.reshape(-1, 1), dtype=tf.float64)
    loss_tf = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits))
tape_grads = tape.gradient(loss_tf, tf_params)

print("loss: ours", bce_loss(y_hat_s, ys), " TensorFlow", float(loss_tf))
for name in check_params:
    print(f"{name}: relative error vs tf.GradientTape = "
          f"{relative_error(analytic[name], tape_grads[name].numpy()):.2e}")

# %% [markdown]
# ## 7. Training with gradient descent
#
# With gradients in hand, training is a loop: forward, backward, and a small step downhill for
# every parameter,
#
# $$\theta \leftarrow \theta - \eta\, \frac{\partial L}{\partial \theta},$$
#
# with learning rate $\eta$ (`lr`). We use **full-batch** gradient descent: one step per epoch,
# computed on all $m$ examples. The moons are small enough for that, and it makes every run
# exactly reproducible from its seed.

# %%
def train(X, y, n_hidden=16, lr=0.5, epochs=2000, seed=0):
    """Train the 2-layer network with full-batch gradient descent; return the trained params.

    X: (m, n_in) features (use them as they are, no rescaling); y: 0/1 labels, (m,) or (m, 1).
    Start from init_params(X.shape[1], n_hidden, 1, seed). Then, `epochs` times: forward on all
    of X, backward, and update every parameter: params[k] = params[k] - lr * grads[k].
    Returns the params dict (same keys and shapes as init_params).
    """
    ### BEGIN SOLUTION
    params = init_params(X.shape[1], n_hidden, 1, seed)
    for _ in range(epochs):
        _, cache = forward(X, params)
        grads = backward(X, y, params, cache)
        params = {name: params[name] - lr * grads[name] for name in params}
    return params
    ### END SOLUTION


# %%
trained = train(X, y)
accuracy = np.mean((forward(X, trained)[0][:, 0] >= 0.5) == y)
print(f"training accuracy: {accuracy:.3f}")

# %%
check("train")

# %% [markdown]
# ### The loss curve
#
# `train` returns only the final parameters. To watch the loss go down, here is the same loop
# once more, keeping a log (it ends at exactly the parameters `train` returned).

# %%
params = init_params(2, 16, 1, seed=0)
losses, accuracies = [], []
for epoch in range(2000):
    y_hat, cache = forward(X, params)
    losses.append(bce_loss(y_hat, y))
    accuracies.append(np.mean((y_hat[:, 0] >= 0.5) == y))
    grads = backward(X, y, params, cache)
    params = {name: params[name] - 0.5 * grads[name] for name in params}
print("same parameters as train():", all(np.allclose(params[k], trained[k]) for k in params))

fig, ax1 = plt.subplots(figsize=(7, 4))
ax1.plot(losses, color="tab:blue")
ax1.set_yscale("log")
ax1.set_xlabel("epoch")
ax1.set_ylabel("training loss (log scale)", color="tab:blue")
ax2 = ax1.twinx()
ax2.plot(accuracies, color="tab:orange")
ax2.set_ylabel("training accuracy", color="tab:orange")
ax1.set_title("full-batch gradient descent on the moons, lr = 0.5")
plt.show()

# %% [markdown]
# The loss drops quickly at first: within a few dozen epochs the network finds the rough
# linear split (about 88% accuracy). Then the hidden units slowly learn to bend the boundary
# around the moons: the accuracy climbs to 100% over the next few hundred epochs, while the
# loss keeps falling (the network grows more confident on points it already classifies
# correctly).
#
# ### The decision boundary
#
# We evaluate the trained network on a fine grid covering the plane and colour each point by the
# predicted probability; the line $\hat y = 0.5$ is the decision boundary.

# %%
x1, x2 = np.meshgrid(np.linspace(-1.6, 2.6, 300), np.linspace(-1.1, 1.6, 300))
grid = np.column_stack([x1.ravel(), x2.ravel()])
probability = forward(grid, trained)[0].reshape(x1.shape)

fig, ax = plt.subplots(figsize=(6.5, 4.5))
filled = ax.contourf(x1, x2, probability, levels=20, cmap="coolwarm", alpha=0.6)
ax.contour(x1, x2, probability, levels=[0.5], colors="k", linewidths=1.5)
ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", s=12, edgecolors="k", linewidths=0.3)
fig.colorbar(filled, ax=ax, label=r"$\hat y$ = P(class 1)")
ax.set_title(f"decision boundary of the trained network (accuracy {accuracy:.3f})")
plt.show()

# %% [markdown]
# ## Check yourself
#
# 1. Why does the error at the output simplify to $\hat Y - Y$? If you replaced the
#    cross-entropy by the squared error $(\hat y - y)^2$, which factor would no longer cancel, and
#    what would happen to the gradient of a confident, wrong prediction?
# 2. You stack the data set on top of itself (`np.vstack([X, X])`). What happens to the
#    gradients returned by `backward`? What would happen if you had summed instead of averaged,
#    and what would that do to a learning rate that worked before?
# 3. Suppose `W1` starts at all zeros but `W2` is random. What is $A_1$, and which gradients are
#    zero in the first step? Do the hidden units ever become different from each other?
# 4. Gradient checking costs two forward passes per parameter. Estimate the cost of one checked
#    step for a network with $10^6$ weights, and explain why we check on a tiny batch and
#    network, and then trust `backward` for the real one.
#
# ## Summary
#
# * Forward: $A_1 = \tanh(XW_1 + b_1)$, $\hat Y = \sigma(A_1W_2 + b_2)$, keeping a cache.
# * Binary cross-entropy, clipped so that $\hat y \in \{0, 1\}$ gives a finite loss.
# * Backward, from the end: $dZ_2 = (\hat Y - Y)/m$, $dW_2 = A_1^\top dZ_2$, $db_2 = \sum dZ_2$,
#   $dZ_1 = dZ_2W_2^\top \odot (1 - A_1^2)$, $dW_1 = X^\top dZ_1$, $db_1 = \sum dZ_1$.
# * Central differences have $O(\epsilon^2)$ error and check any gradient; automatic
#   differentiation (`tf.GradientTape`) runs the same backward pass for you.
# * Gradient descent repeats forward, backward, update; its loss curve and decision boundary
#   show what was learned.

# %% [markdown]
# ## Submit
#
# `check_all()` runs every question's public tests once more. `export()` then writes the file to
# upload, named after the lab, from the cells you ran (what `check` judged), and says where it
# is; in Colab your browser downloads it too. Upload that file to your course's submission page.

# %%
check_all()
export()
