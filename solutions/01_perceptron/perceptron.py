# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 01: The perceptron, XOR and non-linearity
#
# A single artificial neuron adds up its inputs with weights, adds a bias and fires when the
# total is positive. In 1958 Rosenblatt gave it a learning rule, and for a while it looked as if
# such neurons could learn anything. Then came a four-point data set, XOR, that no single neuron
# can learn. In this lab you meet both sides of that story and the way out of it: hidden layers
# with a **non-linear** activation.
#
# **Learning goals.** After this lab you can
# 1. implement the perceptron's prediction and its learning rule in numpy;
# 2. state what the perceptron convergence theorem promises, and see it happen on AND and OR;
# 3. prove that no perceptron computes XOR, and watch the learning rule fail on it;
# 4. explain what the bias adds to a neuron;
# 5. show that a stack of linear layers is still one linear layer (so depth alone does not help);
# 6. build and train a small Keras MLP that solves XOR, and draw its decision surface.
#
# **How this notebook is graded.** Fill in the functions marked with
# `raise NotImplementedError`. After each one, a `check("...")` cell runs the public tests for
# that question. The grader only looks at your imports, function definitions and ALL_CAPS
# constants, so the plots and experiments are for you: they are not graded, and they can use
# your functions freely. Functions that draw random numbers take a `seed`: use
# `np.random.default_rng(seed)` (numpy) or `keras.utils.set_random_seed(seed)` (Keras).

# %%
from autograder.notebook import lab_tools
check, check_all, export = lab_tools("01_perceptron")

# %%
import numpy as np
import matplotlib.pyplot as plt
import keras

# %% [markdown]
# The three data sets of this lab are the truth tables of three logic gates. The inputs are the
# four corners of the unit square; the labels are 0 or 1.

# %%
GATE_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
AND_Y = np.array([0, 0, 0, 1])
OR_Y = np.array([0, 1, 1, 1])
XOR_Y = np.array([0, 1, 1, 0])

# %% [markdown]
# ## 1. Intuition: a neuron is a weighted vote
#
# Imagine deciding whether to go for a walk. Each input is a piece of evidence ("it is sunny",
# "I have time"), each weight says how much that evidence counts (negative weights count
# against), and the bias is your general mood: how much evidence you need before you say yes.
# Add up the weighted evidence and the bias; if the total is positive, go.
#
# That is the perceptron. For an input vector $x \in \mathbb{R}^d$, weights $w \in \mathbb{R}^d$
# and a bias $b \in \mathbb{R}$:
#
# $$z = w \cdot x + b = \sum_{j=1}^{d} w_j x_j + b, \qquad
#   \hat y = \operatorname{step}(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0. \end{cases}$$
#
# Geometrically, the points with $w \cdot x + b = 0$ form a line in 2-D (a hyperplane in
# $d$ dimensions). The weight vector $w$ is perpendicular to it and points to the side that is
# classified 1; the bias shifts the line away from the origin, by a distance $|b| / \lVert w \rVert$.
# A perceptron can therefore only draw **one straight cut** through its input space.
#
# Note the convention at the boundary: $\operatorname{step}(0) = 0$. A point exactly on the line
# is classified 0.

# %%
def step(z):
    """Heaviside step: 1 where z > 0, else 0 (so step(0) == 0).

    `z` is a number, a list or a numpy array of any shape. Return a numpy array of the same
    shape with an integer dtype (not bool, not float).
    """
    ### BEGIN SOLUTION
    return (np.asarray(z) > 0).astype(int)
    ### END SOLUTION


# %%
print(step(np.array([-2.0, -0.1, 0.0, 0.1, 3.0])))

# %%
check("step")

# %% [markdown]
# Prediction is one matrix product: stacking the inputs as the rows of $X$ (shape `(n, d)`),
# all pre-activations at once are $z = Xw + b$, a vector of length $n$.

# %%
def perceptron_predict(X, w, b):
    """Predicted labels step(X @ w + b) for the rows of X.

    X: array (n, d); w: array (d,); b: a number. Return an int array of shape (n,) holding 0/1.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=np.float64)
    return step(X @ np.asarray(w, dtype=np.float64) + b)
    ### END SOLUTION


# %%
# A hand-made AND gate: both inputs must be on to get past the bias of -1.5.
print(perceptron_predict(GATE_X, np.array([1.0, 1.0]), -1.5), "expected", AND_Y)

# %%
check("perceptron_predict")

# %% [markdown]
# ## 2. The perceptron learning rule
#
# Hand-picking weights does not scale. Rosenblatt's rule learns them from examples. Start from
# $w = 0$, $b = 0$ and visit the training samples one at a time. For sample $(x_i, y_i)$ compute
# the prediction $\hat y_i = \operatorname{step}(w \cdot x_i + b)$ and update
#
# $$w \leftarrow w + \eta\,(y_i - \hat y_i)\,x_i, \qquad b \leftarrow b + \eta\,(y_i - \hat y_i),$$
#
# where $\eta > 0$ is the learning rate. The factor $y_i - \hat y_i$ takes only three values:
#
# | $y_i$ | $\hat y_i$ | $y_i - \hat y_i$ | what happens |
# |---|---|---|---|
# | 0 | 0 | 0 | correct: nothing changes |
# | 1 | 1 | 0 | correct: nothing changes |
# | 1 | 0 | $+1$ | missed a positive: add $\eta x_i$ to $w$, $\eta$ to $b$ |
# | 0 | 1 | $-1$ | false alarm: subtract $\eta x_i$ from $w$, $\eta$ from $b$ |
#
# **Why it helps.** After a missed positive, the new pre-activation of the same sample is
#
# $$(w + \eta x_i)\cdot x_i + (b + \eta) = z_i + \eta\,(\lVert x_i\rVert^2 + 1) > z_i,$$
#
# so it moves towards the positive side; a false alarm moves it down by the same amount. Each
# mistake nudges the line towards classifying that sample correctly (it may need several nudges,
# and it may break another sample on the way).
#
# **When it works: the convergence theorem** (Novikoff, 1962). Suppose the data are *linearly
# separable with margin* $\gamma > 0$: some unit vector $u = (w^*, b^*)$ has
# $(2y_i - 1)(w^* \cdot x_i + b^*) \ge \gamma$ for every sample, and every augmented input
# $(x_i, 1)$ has length at most $R$. Then, starting from zero and in **any** visiting order, the
# perceptron makes at most
#
# $$\left(\frac{R}{\gamma}\right)^2$$
#
# mistakes in total. *Sketch:* write $v = (w, b)$. Each mistake adds at least $\eta\gamma$ to
# $v \cdot u$ but at most $\eta^2 R^2$ to $\lVert v\rVert^2$ (the cross term is $\le 0$ because
# the sample was misclassified). After $k$ mistakes, $k\eta\gamma \le v\cdot u \le \lVert v\rVert
# \le \eta R\sqrt{k}$, so $k \le (R/\gamma)^2$. The learning rate cancels out: starting from zero,
# $\eta$ only rescales $w$ and $b$, and the predictions never change.
#
# Once an epoch (one pass over all samples) goes by without a mistake, nothing changes any more:
# training has converged.
#
# **Visiting order.** We visit the samples in a freshly shuffled order every epoch, drawn from one
# generator `rng = np.random.default_rng(seed)` created at the start. The theorem holds for any
# order; shuffling just avoids the bad habits of a fixed one.

# %%
def perceptron_train(X, y, lr=0.1, epochs=50, seed=0):
    """Train a perceptron with Rosenblatt's rule; return `(w, b, errors)`.

    - X: array (n, d) of inputs; y: array (n,) of labels 0/1.
    - Start from w = zeros(d) (floats) and b = 0.0.
    - rng = np.random.default_rng(seed), created once. Run exactly `epochs` epochs (do not stop
      early). In each epoch visit every sample once, in the order `rng.permutation(n)`.
    - For each visited sample: y_hat = step(x . w + b); then w += lr * (y - y_hat) * x and
      b += lr * (y - y_hat).
    - errors[e] = the number of samples misclassified (y_hat != y) *while* visiting them
      during epoch e, i.e. the number of updates made in that epoch.
    Returns w (float array of shape (d,)), b (a float) and errors (a list of `epochs` ints).
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).astype(int).ravel()
    n, d = X.shape
    rng = np.random.default_rng(seed)
    w = np.zeros(d)
    b = 0.0
    errors = []
    for _ in range(epochs):
        mistakes = 0
        for i in rng.permutation(n):
            delta = int(y[i] - step(X[i] @ w + b))
            if delta != 0:
                w = w + lr * delta * X[i]
                b = b + lr * delta
                mistakes += 1
        errors.append(mistakes)
    return w, float(b), errors
    ### END SOLUTION


# %%
w, b, errors = perceptron_train(GATE_X, AND_Y, seed=0)
print("w =", w, " b =", b)
print("errors per epoch:", errors[:12], "...")
print("predictions:", perceptron_predict(GATE_X, w, b), "labels:", AND_Y)

# %%
check("perceptron_train")

# %% [markdown]
# ## 3. AND and OR converge, XOR does not
#
# We train on the three gates and plot the number of mistakes in each epoch.

# %%
gates = {"AND": AND_Y, "OR": OR_Y, "XOR": XOR_Y}
trained = {}
fig, ax = plt.subplots(figsize=(7, 4))
for name, labels in gates.items():
    w, b, errors = perceptron_train(GATE_X, labels, lr=0.1, epochs=30, seed=0)
    trained[name] = (w, b)
    ax.plot(range(1, len(errors) + 1), errors, marker="o", markersize=3, label=name)
ax.set_xlabel("epoch")
ax.set_ylabel("misclassified samples during the epoch")
ax.set_title("perceptron learning on three logic gates")
ax.set_yticks(range(5))
ax.legend()
plt.show()

# %% [markdown]
# AND and OR drop to zero mistakes after a few epochs and stay there. XOR never does: every
# single epoch makes at least one mistake, and the weights keep going round in circles.
#
# Let us look at the lines the perceptron drew. The shaded region is where it predicts 1.

# %%
def plot_boundary(ax, predict, X, y, title, grid=200, lim=(-0.5, 1.5)):
    """Shade where `predict` (a function of an (m, 2) array) returns 1, and draw the samples."""
    xs = np.linspace(*lim, grid)
    gx, gy = np.meshgrid(xs, xs)
    zz = np.asarray(predict(np.c_[gx.ravel(), gy.ravel()])).reshape(gx.shape)
    ax.contourf(gx, gy, zz, levels=20, cmap="RdBu_r", alpha=0.35, vmin=0, vmax=1)
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="RdBu_r", vmin=0, vmax=1, s=120, edgecolors="k")
    ax.set_xlim(*lim)
    ax.set_ylim(*lim)
    ax.set_aspect("equal")
    ax.set_title(title)
    ax.set_xlabel("$x_1$")


fig, axes = plt.subplots(1, 3, figsize=(13, 4.3))
for ax, (name, labels) in zip(axes, gates.items()):
    w, b = trained[name]
    acc = np.mean(perceptron_predict(GATE_X, w, b) == labels)
    plot_boundary(ax, lambda P, w=w, b=b: perceptron_predict(P, w, b), GATE_X, labels,
                  f"{name}: w = {np.round(w, 2)}, b = {b:.2f}\naccuracy {acc:.0%}")
axes[0].set_ylabel("$x_2$")
plt.tight_layout()
plt.show()

# %% [markdown]
# Look closely at AND and OR: some corners sit *exactly on* the line ($z = 0$), and only the
# convention $\operatorname{step}(0) = 0$ classifies them correctly. The perceptron stops at the
# first weights that make no mistake, not at the ones with the widest safety margin; asking for
# a margin is the idea behind support vector machines.
#
# ### Why no line separates XOR
#
# Suppose some $w_1, w_2, b$ did compute XOR. The four samples demand
#
# $$\begin{aligned}
# (0,0) \mapsto 0:&\quad b \le 0\\
# (0,1) \mapsto 1:&\quad w_2 + b > 0\\
# (1,0) \mapsto 1:&\quad w_1 + b > 0\\
# (1,1) \mapsto 0:&\quad w_1 + w_2 + b \le 0.
# \end{aligned}$$
#
# Adding the middle two lines gives $w_1 + w_2 + 2b > 0$, so $w_1 + w_2 + b > -b \ge 0$,
# which contradicts the last line. No weights exist, so the theorem's assumption fails and the
# learning rule can never settle: if an epoch went by without a mistake, those weights would
# be a solution. Minsky and Papert's 1969 book made this limitation famous, and research on
# neural networks slowed down for more than a decade.

# %% [markdown]
# ## 4. Why the bias matters
#
# Without the bias the boundary $w \cdot x = 0$ must pass through the origin, and the origin
# itself always gets $z = 0$, so it is always classified 0. For AND that is not yet a problem,
# but try to satisfy the other three samples with $b = 0$: $(1,0) \mapsto 0$ needs $w_1 \le 0$,
# $(0,1) \mapsto 0$ needs $w_2 \le 0$, and then $(1,1)$ gets $w_1 + w_2 \le 0$, never 1.
# NAND (labels $1, 1, 1, 0$) is even worse: it needs the origin classified 1.
#
# A quick experiment: try every direction $w = (\cos\theta, \sin\theta)$ with $b = 0$ and
# record the best accuracy, then compare with the perceptron trained *with* a bias.

# %%
thetas = np.linspace(0, 2 * np.pi, 721)
directions = np.c_[np.cos(thetas), np.sin(thetas)]
nand_y = 1 - AND_Y
fig, ax = plt.subplots(figsize=(7, 3.8))
for name, labels in {"AND": AND_Y, "NAND": nand_y}.items():
    accuracy = [np.mean(perceptron_predict(GATE_X, d, 0.0) == labels) for d in directions]
    w, b, _ = perceptron_train(GATE_X, labels, epochs=30)
    with_bias = np.mean(perceptron_predict(GATE_X, w, b) == labels)
    ax.plot(np.degrees(thetas), accuracy, label=f"{name}, b = 0 (best {max(accuracy):.0%})")
    print(f"{name}: best accuracy without bias {max(accuracy):.0%}, trained with bias {with_bias:.0%}")
ax.set_xlabel(r"direction $\theta$ of $w$ (degrees)")
ax.set_ylabel("accuracy")
ax.set_title("lines through the origin (no bias)")
ax.legend()
plt.show()

# %% [markdown]
# The bias is the neuron's threshold: it lets the cut sit anywhere, not only through the
# origin. In Keras every `Dense` layer has one unless you pass `use_bias=False`, which is only
# done when the next layer adds its own offset (e.g. a `BatchNormalization`). A common trick
# treats the bias as one more weight on an input that is always 1: append a column of ones to
# $X$ and drop $b$.

# %% [markdown]
# ## 5. Does depth help? Not without a non-linearity
#
# If one line is not enough, why not stack several layers? Take two layers *without* an
# activation function (Keras convention: a layer computes $x W + b$ with $W$ of shape
# `(inputs, outputs)` and $x$ a row vector):
#
# $$h = x W_1 + b_1, \qquad o = h W_2 + b_2 = (x W_1 + b_1) W_2 + b_2
#   = x\,\underbrace{W_1 W_2}_{W} + \underbrace{b_1 W_2 + b_2}_{b}.$$
#
# The result is again one linear layer. By induction, any stack
# $(W_1, b_1), \ldots, (W_L, b_L)$ collapses to
#
# $$W = W_1 W_2 \cdots W_L, \qquad b = \big(\cdots\big((b_1 W_2 + b_2) W_3 + b_3\big)\cdots\big) W_L + b_L.$$
#
# Two things to get right: the order of the product (the first layer's matrix comes first,
# because $x$ multiplies from the left), and the biases, which pass through every later layer.
# Ten linear layers have ten times the parameters of one and exactly the same power.

# %%
def collapse_linear(layers):
    """Compose a stack of linear layers into one equivalent linear layer.

    `layers` is a list of `(W_i, b_i)` pairs, first layer first, with W_i of shape
    (in_i, out_i) and b_i of shape (out_i,); layer i computes `h @ W_i + b_i`.
    Return `(W, b)` with W of shape (in_1, out_L) and b of shape (out_L,) such that
    `x @ W + b` equals the output of the whole stack for every x.
    """
    ### BEGIN SOLUTION
    W = np.asarray(layers[0][0], dtype=np.float64)
    b = np.asarray(layers[0][1], dtype=np.float64)
    for W_i, b_i in layers[1:]:
        W_i = np.asarray(W_i, dtype=np.float64)
        W = W @ W_i
        b = b @ W_i + np.asarray(b_i, dtype=np.float64)
    return W, b
    ### END SOLUTION


# %%
check("collapse_linear")

# %% [markdown]
# Let us check it against Keras: three `Dense` layers without activation, and the single layer
# that `collapse_linear` builds from their weights.

# %%
keras.utils.set_random_seed(0)
deep_linear = keras.Sequential([
    keras.Input((2,)),
    keras.layers.Dense(16, bias_initializer="random_normal"),
    keras.layers.Dense(16, bias_initializer="random_normal"),
    keras.layers.Dense(1, bias_initializer="random_normal"),
])
W, b = collapse_linear([layer.get_weights() for layer in deep_linear.layers])
points = np.random.default_rng(0).normal(size=(5, 2))
print("3 Dense layers :", deep_linear.predict(points, verbose=0).ravel())
print("1 linear layer :", (points @ W + b).ravel())
print(f"parameters: {deep_linear.count_params()} vs {W.size + b.size}")

# %% [markdown]
# The same holds after training. Below, a 3-layer network whose only non-linearity is the final
# sigmoid is trained on XOR. Whatever it learns is logistic regression in disguise: its decision
# boundary is a single line, which gets at most 3 of the 4 points right. In fact training ends
# somewhere even less useful. XOR's labels do not change under the reflection
# $x \mapsto (1, 1) - x$, which turns the logit $w \cdot x + b$ into $-w \cdot x + (w_1 + w_2 + b)$;
# the cross-entropy is convex in $(w, b)$, so averaging a solution with its reflection never
# hurts, and the best linear model has $w = 0$: a flat 0.5 everywhere.

# %%
keras.utils.set_random_seed(0)
linear_xor = keras.Sequential([
    keras.Input((2,)),
    keras.layers.Dense(16),
    keras.layers.Dense(16),
    keras.layers.Dense(1, activation="sigmoid"),
])
linear_xor.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy")
linear_xor.fit(np.tile(GATE_X, (200, 1)), np.tile(XOR_Y, 200), batch_size=4, shuffle=False, verbose=0)
fig, ax = plt.subplots(figsize=(4.5, 4.3))
plot_boundary(ax, lambda P: linear_xor.predict(P, verbose=0), GATE_X, XOR_Y,
              "3 linear layers + sigmoid on XOR")
plt.show()
print("predicted probabilities:", linear_xor.predict(GATE_X, verbose=0).ravel().round(3))

# %% [markdown]
# ## 6. A hidden layer with a non-linearity solves XOR
#
# XOR is "OR but not AND", i.e. $\text{XOR}(x) = \text{AND}\big(\text{OR}(x),\ \text{NAND}(x)\big)$.
# Each of those three gates is a perceptron, so two layers of perceptrons compute XOR:
#
# $$h_1 = \operatorname{step}(x_1 + x_2 - 0.5), \quad h_2 = \operatorname{step}(-x_1 - x_2 + 1.5),
#   \qquad \hat y = \operatorname{step}(h_1 + h_2 - 1.5).$$
#
# The hidden layer *moves the points*: in the $(h_1, h_2)$ coordinates, $(0,1)$ and $(1,0)$ both
# land on $(1,1)$, and a single line separates them from the other two. The step between the
# layers is essential: without it, section 5 says the two layers would collapse into one.

# %%
W_hidden = np.array([[1.0, -1.0], [1.0, -1.0]])
b_hidden = np.array([-0.5, 1.5])
hidden_codes = np.stack([perceptron_predict(GATE_X, W_hidden[:, j], b_hidden[j]) for j in range(2)], axis=1)
y_hat = perceptron_predict(hidden_codes, np.array([1.0, 1.0]), -1.5)
print("hidden codes:", hidden_codes.tolist(), " output:", y_hat, " XOR:", XOR_Y)

fig, axes = plt.subplots(1, 2, figsize=(9.5, 4.3))
plot_boundary(axes[0], lambda P: perceptron_predict(
    np.stack([perceptron_predict(P, W_hidden[:, j], b_hidden[j]) for j in range(2)], axis=1),
    np.array([1.0, 1.0]), -1.5), GATE_X, XOR_Y, "two-layer perceptron: input space")
axes[0].set_ylabel("$x_2$")
plot_boundary(axes[1], lambda P: perceptron_predict(P, np.array([1.0, 1.0]), -1.5), hidden_codes, XOR_Y,
              "hidden space $(h_1, h_2)$: one line suffices")
axes[1].set_xlabel("$h_1$ = OR")
axes[1].set_ylabel("$h_2$ = NAND")
plt.tight_layout()
plt.show()

# %% [markdown]
# ### Learning the hidden layer with Keras
#
# We hand-picked those weights. To *learn* them we need gradients, and the step function has
# none (its derivative is 0 everywhere except at 0). Multi-layer networks therefore use smooth
# activations: $\tanh(z)$ in the hidden layer and the sigmoid $\sigma(z) = 1/(1+e^{-z})$ at the
# output, which reads as the probability of class 1. Training minimises the binary
# cross-entropy
#
# $$L = -\frac{1}{n}\sum_{i=1}^n \big[y_i \log p_i + (1-y_i)\log(1-p_i)\big],
#   \qquad p_i = \sigma\big(\tanh(x_i W_1 + b_1)\,W_2 + b_2\big),$$
#
# by gradient descent (lab 03 derives the gradients by hand).
#
# `build_xor_model` builds and compiles the network; `train_xor` trains it. Some notes:
# * a tiny network on 4 points can get stuck in a poor local minimum for an unlucky seed; more
#   hidden units than the bare minimum of 2 make that much rarer (8 units are very reliable);
# * a large learning rate (Adam with 0.05-0.1) converges in a few hundred steps;
# * Keras' `fit` has a fixed cost per epoch, which dominates with 4 samples. Instead of 200 epochs
#   of one batch, repeat the four points 200 times (`np.tile`) and fit **one** epoch with
#   `batch_size=4, shuffle=False`: every step is then one full-batch gradient step, and training
#   takes about a second.

# %%
def build_xor_model(hidden_units=4):
    """A compiled Keras model for XOR: 2 inputs -> Dense(hidden_units, non-linear) -> Dense(1, sigmoid).

    Use one hidden `Dense` layer with `hidden_units` units and a non-linear activation (tanh works
    well), and a single sigmoid output unit. Compile with the binary cross-entropy loss, an
    optimizer of your choice (e.g. `keras.optimizers.Adam(0.1)`) and `metrics=["accuracy"]`.
    Use built-in Keras layers only.
    """
    ### BEGIN SOLUTION
    model = keras.Sequential([
        keras.Input((2,)),
        keras.layers.Dense(hidden_units, activation="tanh"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.1),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model
    ### END SOLUTION


# %%
model = build_xor_model()
model.summary()

# %%
check("xor_model")

# %%
def train_xor(seed=0):
    """Train a model from `build_xor_model` on the four XOR points and return it.

    Call `keras.utils.set_random_seed(seed)` first. The returned model must classify all four
    points correctly (probability > 0.5 exactly for the inputs (0, 1) and (1, 0)) for every seed,
    and training should take only a second or two (see the notes above).
    """
    ### BEGIN SOLUTION
    keras.utils.set_random_seed(seed)
    model = build_xor_model(hidden_units=8)
    X = np.tile(GATE_X, (200, 1)).astype("float32")
    y = np.tile(XOR_Y, 200).astype("float32")
    model.fit(X, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
    return model
    ### END SOLUTION


# %%
xor_model = train_xor(seed=0)
print("probabilities:", xor_model.predict(GATE_X, verbose=0).ravel().round(3), " XOR:", XOR_Y)

# %%
check("train_xor")

# %% [markdown]
# The decision surface of the trained MLP: the predicted probability over the input plane, with
# the 0.5 contour, the boundary, drawn in black. Two lines' worth of boundary, bent by `tanh`,
# fence off the two positive corners.

# %%
xs = np.linspace(-0.5, 1.5, 150)
gx, gy = np.meshgrid(xs, xs)
proba = xor_model.predict(np.c_[gx.ravel(), gy.ravel()], verbose=0).reshape(gx.shape)
fig, ax = plt.subplots(figsize=(5.5, 4.6))
surface = ax.contourf(gx, gy, proba, levels=20, cmap="RdBu_r", vmin=0, vmax=1)
ax.contour(gx, gy, proba, levels=[0.5], colors="k", linewidths=2)
ax.scatter(GATE_X[:, 0], GATE_X[:, 1], c=XOR_Y, cmap="RdBu_r", vmin=0, vmax=1, s=120,
           edgecolors="white", linewidths=2)
fig.colorbar(surface, ax=ax, label="P(y = 1)")
ax.set_aspect("equal")
ax.set_title("MLP decision surface on XOR")
ax.set_xlabel("$x_1$")
ax.set_ylabel("$x_2$")
plt.show()

# %% [markdown]
# ## Check yourself
#
# 1. A perceptron has made a mistake on a sample with $y = 0$. Which way does the update move
#    the boundary, and by how much does that sample's $z$ change?
# 2. The convergence bound $(R/\gamma)^2$ does not contain the learning rate. Why does $\eta$ not
#    matter when the weights start at zero? Would it matter if they started elsewhere?
# 3. You add ten `Dense(64)` layers without activation in front of a logistic regression. What
#    can the new model represent that the old one could not? How many parameters did you add?
# 4. Which of the 16 Boolean functions of two inputs can a single perceptron compute? (Hint:
#    only two of them cannot.)
#
# ## Summary
#
# * A perceptron computes $\operatorname{step}(w\cdot x + b)$: one straight cut through input
#   space. The bias lets the cut miss the origin.
# * Rosenblatt's rule $w \mathrel{+}= \eta(y-\hat y)x$, $b \mathrel{+}= \eta(y-\hat y)$ changes
#   the weights only on mistakes, and on linearly separable data makes at most $(R/\gamma)^2$ of them.
# * XOR is not linearly separable: the rule never settles, whatever the order or learning rate.
# * Linear layers compose to one linear layer, $W = W_1\cdots W_L$: depth needs non-linearity.
# * One hidden layer with a non-linear activation (trained by gradient descent with smooth
#   activations) solves XOR by moving the points into a space where they are separable.

# %% [markdown]
# ## Submit
#
# `check_all()` runs every question's public tests once more. `export()` then writes the file to
# upload, named after the lab, from the cells you ran (what `check` judged), and says where it
# is; in Colab your browser downloads it too. Upload that file to your course's submission page.

# %%
check_all()
export()
