# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 10: Sequence models
#
# Text, speech, sensor readings, stock prices: much of the world's data arrives as a sequence,
# one step after another, and what matters is often how an early step relates to a late one.
# A feed-forward network sees a fixed-size vector; a **recurrent** network reads a sequence one
# step at a time and carries a *memory*, its hidden state, from each step to the next.
#
# In this lab you write a recurrent layer in numpy and check it against Keras, build recurrent
# models in Keras, measure how gradients flow (or fail to flow) back through time, and train an
# LSTM on a classic long-memory task with gradient clipping to keep training stable.
#
# **Learning goals.** After this lab you can
# 1. write the forward pass of a simple (Elman) RNN and explain every shape in it, in Keras'
#    conventions;
# 2. build `SimpleRNN`, `GRU` and `LSTM` classifiers in Keras that accept sequences of any length;
# 3. derive why gradients through time are products of Jacobians, and why those products vanish
#    or explode;
# 4. measure how strongly a model's output depends on each input step, with `tf.GradientTape`;
# 5. see an exploding gradient wreck a training step, and tame it with gradient clipping;
# 6. train an LSTM on the *adding problem*, a task a simple RNN (and a flat Dense network) fails.
#
# **How this notebook is graded.** Fill in the functions marked with
# `raise NotImplementedError`. After each one, a `check("...")` cell runs the public tests for
# that question. The grader only looks at your imports, function definitions and ALL_CAPS
# constants, so the plots and experiments are for you: they are not graded, and they can use
# your functions freely. Functions that draw random numbers take a `seed`: use
# `np.random.default_rng(seed)` (numpy) or `keras.utils.set_random_seed(seed)` (Keras).
#
# The whole notebook runs in about a minute on a laptop CPU.

# %%
from autograder.notebook import lab_tools
check, check_all, export = lab_tools("10_sequences")

# %%
import numpy as np
import matplotlib.pyplot as plt
import keras
import tensorflow as tf

# %% [markdown]
# ## 1. Intuition: reading with a memory
#
# Read this sentence one word at a time. After each word you do not re-read everything from the
# start: you update a running summary in your head ("someone is reading... a sentence...") and
# move on. A recurrent network does exactly this. At step $t$ it takes the new input $x_t$ and
# its previous summary $h_{t-1}$ and produces a new summary $h_t$:
#
# $$h_t = f(x_t, h_{t-1}).$$
#
# Two things make this powerful:
# * **Weight sharing over time.** The same function $f$ (the same weights) is used at every
#   step, so the model has the same number of parameters for a sequence of length 5 or 5000,
#   and whatever it learns about a pattern at step 3 also applies at step 300.
# * **Any length.** Because it simply loops, one model reads sequences of any length.
#
# Flattening a sequence into one long vector and feeding it to a Dense layer has neither:
# the input size is fixed, and the weights for "the value at step 3" and "the value at step 4"
# have nothing to do with each other, so the network must learn the same pattern separately at
# every position.
#
# ## 2. The simple RNN, in Keras' conventions
#
# The simple (Elman) RNN uses a single affine map followed by $\tanh$:
#
# $$h_t = \tanh\!\big(x_t W_x + h_{t-1} W_h + b\big), \qquad t = 1, \dots, T,$$
#
# starting from an initial state $h_0$ (zeros unless you pass one). As everywhere in Keras,
# vectors are **rows** and weights multiply from the right. With a batch of $B$ sequences of
# $T$ steps and $F$ features, and $U$ hidden units:
#
# | symbol | shape | Keras `SimpleRNN` weight |
# |---|---|---|
# | $X$ (all inputs) | `(B, T, F)` | the layer's input |
# | $x_t$ = `X[:, t, :]` | `(B, F)` | |
# | $W_x$ | `(F, U)` | `kernel` |
# | $W_h$ | `(U, U)` | `recurrent_kernel` |
# | $b$ | `(U,)` | `bias` |
# | $h_0$, $h_t$ | `(B, U)` | `initial_state`, the step outputs |
# | all $h_t$ stacked | `(B, T, U)` | output with `return_sequences=True` |
#
# Note the order in $h_{t-1} W_h$: entry $(W_h)_{ij}$ is the weight from unit $i$ at the
# previous step to unit $j$ now. Writing $W_h h_{t-1}$ (the column-vector habit) uses
# $W_h^\top$ instead, which is a different network unless $W_h$ happens to be symmetric.
#
# Unrolled over time, the RNN is a very deep network with one layer per step, all layers
# sharing the same weights:
#
# ```
#   h0 --> [tanh(x1 Wx + . Wh + b)] --> h1 --> [tanh(x2 Wx + . Wh + b)] --> h2 --> ... --> hT
#                 ^                                   ^
#                 x1                                  x2
# ```

# %%
def rnn_forward(X, Wx, Wh, b, h0=None):
    """All hidden states of a tanh RNN, the way `keras.layers.SimpleRNN` computes them.

    X:  inputs, shape (batch, time, features)
    Wx: input kernel, shape (features, units)         (Keras: `kernel`)
    Wh: recurrent kernel, shape (units, units)        (Keras: `recurrent_kernel`)
    b:  bias, shape (units,)
    h0: initial hidden state, shape (batch, units); None means zeros.
    Returns H of shape (batch, time, units), with H[:, t] = tanh(X[:, t] @ Wx + H[:, t-1] @ Wh + b)
    and H[:, -1] read as h0 for t = 0. Does not modify its inputs.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=np.float64)
    Wx, Wh, b = (np.asarray(a, dtype=np.float64) for a in (Wx, Wh, b))
    batch, steps, _ = X.shape
    h = np.zeros((batch, Wh.shape[0])) if h0 is None else np.asarray(h0, dtype=np.float64)
    H = np.empty((batch, steps, Wh.shape[0]))
    for t in range(steps):
        h = np.tanh(X[:, t] @ Wx + h @ Wh + b)
        H[:, t] = h
    return H
    ### END SOLUTION


# %% [markdown]
# Let us compare with Keras. A `SimpleRNN` layer with `return_sequences=True` returns every
# hidden state; `set_weights` takes `[kernel, recurrent_kernel, bias]`, and the initial state is
# passed when calling the layer.

# %%
rng = np.random.default_rng(0)
X_demo = rng.normal(size=(2, 5, 3))
Wx_demo, Wh_demo = rng.normal(size=(3, 4)), rng.normal(size=(4, 4)) / 2
b_demo, h0_demo = rng.normal(size=4), rng.normal(size=(2, 4))

keras_rnn = keras.layers.SimpleRNN(4, return_sequences=True, dtype="float64")
keras_rnn.build((None, 5, 3))
keras_rnn.set_weights([Wx_demo, Wh_demo, b_demo])
H_keras = np.asarray(keras_rnn(X_demo, initial_state=[h0_demo]))
H_mine = rnn_forward(X_demo, Wx_demo, Wh_demo, b_demo, h0_demo)
print("output shape", H_mine.shape, " max |mine - keras| =", np.abs(H_mine - H_keras).max())

# %%
check("rnn_forward")

# %% [markdown]
# ## 3. The task: the adding problem
#
# To see what memory buys us we need a task where an early step matters for the answer at the
# end. The **adding problem** (Hochreiter and Schmidhuber, 1997) is the classic test. Each
# sequence has $T$ steps and two features per step:
# * a **value**, uniform in $[0, 1]$;
# * a **marker**, 0 everywhere except at exactly two random steps, where it is 1.
#
# The original task asks for the sum of the two marked values. We use a classification
# version: **is the sum of the two marked values greater than 1?** Half the sequences are
# positive. The model must notice the markers, remember the marked values across up to $T-1$
# unrelated steps, and ignore all the other values.
#
# The generator below is provided (not graded). `SEQ_LEN` is the length we train on.

# %%
SEQ_LEN = 20
N_FEATURES = 2


def make_adding_data(n, length=SEQ_LEN, seed=0):
    """The lab's toy task. Returns X of shape (n, length, 2) float32 and y of shape (n,) float32.

    X[..., 0] are values uniform in [0, 1], X[..., 1] marks exactly two steps per sequence with 1;
    y = 1.0 when the two marked values add up to more than 1, else 0.0.
    """
    rng = np.random.default_rng(seed)
    values = rng.uniform(0.0, 1.0, size=(n, length))
    markers = np.zeros((n, length))
    marked = np.argsort(rng.random((n, length)), axis=1)[:, :2]
    np.put_along_axis(markers, marked, 1.0, axis=1)
    X = np.stack([values, markers], axis=-1).astype("float32")
    y = ((values * markers).sum(axis=1) > 1.0).astype("float32")
    return X, y


# %%
X_show, y_show = make_adding_data(3, seed=1)
fig, axes = plt.subplots(1, 3, figsize=(14, 3), sharey=True)
for ax, x, label in zip(axes, X_show, y_show):
    steps = np.arange(1, SEQ_LEN + 1)
    ax.bar(steps, x[:, 0], color="lightgray", label="value")
    marked = x[:, 1] == 1
    ax.bar(steps[marked], x[marked, 0], color="tab:red", label="marked value")
    total = x[marked, 0].sum()
    ax.set_title(f"marked sum = {total:.2f}  ->  y = {int(label)}")
    ax.set_xlabel("step")
axes[0].set_ylabel("value")
axes[0].legend(loc="upper left")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 4. Gated cells: LSTM and GRU
#
# Keras offers three recurrent layers with the same interface. They differ in the cell, the
# function $f$ applied at every step.
#
# **`SimpleRNN`** is the cell of section 2.
#
# **`LSTM`** (long short-term memory) keeps a second state, the *cell* $c_t$, and three gates,
# each a sigmoid in $(0, 1)$ that decides, unit by unit, how much passes:
#
# $$\begin{aligned}
# i_t &= \sigma(x_t W_i + h_{t-1} U_i + b_i) && \text{input gate: how much new content to write}\\
# f_t &= \sigma(x_t W_f + h_{t-1} U_f + b_f) && \text{forget gate: how much old memory to keep}\\
# o_t &= \sigma(x_t W_o + h_{t-1} U_o + b_o) && \text{output gate: how much memory to show}\\
# g_t &= \tanh(x_t W_g + h_{t-1} U_g + b_g) && \text{candidate content}\\
# c_t &= f_t \odot c_{t-1} + i_t \odot g_t\\
# h_t &= o_t \odot \tanh(c_t)
# \end{aligned}$$
#
# The cell update is *additive*: with $f_t \approx 1$ and $i_t \approx 0$ the memory is copied
# unchanged from step to step, for as long as the gates keep it so. (Keras initializes $b_f$ to
# 1, `unit_forget_bias=True`, so the forget gate starts mostly open.)
#
# **`GRU`** (gated recurrent unit) merges the cell and hidden state and uses two gates,
# an update gate $z_t$ and a reset gate $r_t$:
#
# $$\begin{aligned}
# z_t &= \sigma(x_t W_z + h_{t-1} U_z + b_z), \qquad r_t = \sigma(x_t W_r + h_{t-1} U_r + b_r)\\
# \tilde h_t &= \tanh\!\big(x_t W_h + r_t \odot (h_{t-1} U_h) + b_h\big)\\
# h_t &= z_t \odot h_{t-1} + (1 - z_t) \odot \tilde h_t
# \end{aligned}$$
#
# Again the previous state can be copied through ($z_t \approx 1$).
#
# For a classifier we only need the final hidden state $h_T$ (the layer's default,
# `return_sequences=False`), followed by a Dense layer with one sigmoid unit. Declaring the
# input as `keras.Input((None, n_features))`, with `None` for the time axis, lets the model read
# sequences of any length.

# %%
def build_sequence_model(kind="lstm", units=32, length=None, n_features=N_FEATURES,
                         learning_rate=0.02, clipnorm=1.0):
    """A compiled binary sequence classifier: Input -> one recurrent layer -> Dense(1, sigmoid).

    kind: "lstm", "gru" or "simple" (keras.layers.LSTM, GRU or SimpleRNN) with `units` units,
        returning only its last hidden state; any other kind raises ValueError.
    length: the number of time steps of the input, or None for sequences of any length;
        the input shape is (length, n_features).
    Compiled with loss "binary_crossentropy", metric "accuracy" and
    keras.optimizers.Adam(learning_rate, clipnorm=clipnorm) (clipnorm=None: no clipping).
    """
    ### BEGIN SOLUTION
    layers = {"lstm": keras.layers.LSTM, "gru": keras.layers.GRU, "simple": keras.layers.SimpleRNN}
    if kind not in layers:
        raise ValueError(f"kind must be one of {sorted(layers)}, got {kind!r}")
    model = keras.Sequential([
        keras.Input((length, n_features)),
        layers[kind](units),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate, clipnorm=clipnorm),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    return model
    ### END SOLUTION


# %%
for kind in ["simple", "gru", "lstm"]:
    print(f"{kind:7s} parameters: {build_sequence_model(kind).count_params()}")

# %% [markdown]
# An LSTM cell has four affine maps (three gates and the candidate), a GRU three, a simple RNN
# one. With $F = 2$ features and $U = 32$ units one map has $F U + U^2 + U = 1120$ parameters:
# $4 \cdot 1120 = 4480$ for the LSTM layer, $1120$ for the simple RNN, $3 \cdot 1120 + 3U = 3456$
# for the GRU (Keras' GRU keeps a second bias for the recurrent part), plus $33$ for the Dense
# output.

# %%
check("build")

# %% [markdown]
# ## 5. Backpropagation through time
#
# Training an unrolled RNN is ordinary backpropagation through the deep network of section 2;
# the only twist is that every "layer" uses the same weights, so their gradients add up over
# the steps. This is **backpropagation through time** (BPTT).
#
# How much does the output at the end depend on the input at step $k$? Write
# $a_t = x_t W_x + h_{t-1} W_h + b$ and $h_t = \tanh(a_t)$. One step back, the chain rule gives
# the Jacobian
#
# $$J_t = \frac{\partial h_t}{\partial h_{t-1}} = \mathrm{diag}\big(1 - h_t^2\big)\, W_h^\top,$$
#
# and the influence of $x_k$ on $h_T$ is a product of $T - k$ of them:
#
# $$\frac{\partial h_T}{\partial x_k} = J_T\, J_{T-1} \cdots J_{k+1}\;
#   \mathrm{diag}\big(1 - h_k^2\big)\, W_x^\top .$$
#
# Since $0 < 1 - h^2 \le 1$, each factor has norm at most $\|W_h\|$ (its largest singular
# value), so
#
# $$\Big\|\frac{\partial h_T}{\partial x_k}\Big\| \le \|W_h\|^{\,T-k}\,\|W_x\| .$$
#
# A product of many matrices behaves like a power: when the factors shrink vectors, the
# gradient from early steps **vanishes** exponentially in the distance $T - k$; when $W_h$ is
# large and the units are not saturated, it can **explode**. The scalar linear RNN
# $h_t = w\,x_t + u\,h_{t-1}$ shows it in one line: $\partial h_T / \partial x_k = w\,u^{T-k}$.
#
# Vanishing gradients mean the network cannot *learn* long-range dependencies: the error signal
# from the end never reaches the weights that should have remembered step 3. The LSTM's cell
# gives the gradient a different path: along $c_t = f_t \odot c_{t-1} + \dots$ the Jacobian is
# $\mathrm{diag}(f_t)$, with no weight matrix and no $\tanh'$, and a forget gate near 1 passes
# the gradient through almost unchanged.

# %%
T_line = 50
steps_back = np.arange(T_line)
fig, ax = plt.subplots(figsize=(7, 3.5))
for u in [0.8, 0.95, 1.0, 1.05]:
    ax.plot(steps_back, np.abs(u) ** steps_back, label=f"u = {u}")
ax.set_yscale("log")
ax.set_xlabel("distance T - k (steps back in time)")
ax.set_ylabel("|dh_T / dx_k| / |w|")
ax.set_title("scalar linear RNN: the gradient is u^(T-k)")
ax.legend()
plt.show()

# %% [markdown]
# For a real model we measure the same thing with `tf.GradientTape`: take a batch of
# sequences $X$ of shape `(B, T, F)`, compute the model's outputs, add them all up to one
# number $S = \sum \text{model}(X)$, and ask for $\partial S / \partial X$, which has the shape of
# $X$. The size of the slice at step $t$,
#
# $$g_t = \Big\|\frac{\partial S}{\partial X_{:, t, :}}\Big\|_2
#       = \sqrt{\sum_{b, f}\Big(\frac{\partial S}{\partial X_{b,t,f}}\Big)^2},$$
#
# says how sensitive the output is to what happened at step $t$.
#
# `tf.GradientTape` records operations on *variables*; to differentiate with respect to an
# input tensor, call `tape.watch(x)` on it first.

# %%
def timestep_gradient_norms(model, X):
    """How much the model's output depends on each time step of X.

    model: a Keras model taking X; X: array of shape (batch, time, features).
    With S = the sum of all of model(X)'s outputs, returns a numpy array of shape (time,)
    whose entry t is the L2 norm of dS/dX[:, t, :] (over the batch and feature axes).
    Use tf.GradientTape (watch the input tensor) in float32.
    """
    ### BEGIN SOLUTION
    x = tf.convert_to_tensor(np.asarray(X, dtype=np.float32))
    with tf.GradientTape() as tape:
        tape.watch(x)
        total = tf.reduce_sum(model(x, training=False))
    grad = np.asarray(tape.gradient(total, x), dtype=np.float64)
    return np.sqrt((grad**2).sum(axis=(0, 2)))
    ### END SOLUTION


# %%
check("grad_norms")

# %% [markdown]
# ## 6. Exploding gradients and clipping
#
# Vanishing gradients make learning slow; exploding gradients make it violent. The loss surface
# of an RNN has steep "cliffs": regions where a small change of $W_h$ changes the hidden states
# a lot. A gradient step taken on a cliff can be millions of times larger than the ones before
# it and throw the weights somewhere hopeless, from which training never recovers.
#
# **Gradient clipping** caps the size of the step but keeps its direction. With gradient $g$
# and threshold $c$:
#
# $$g \leftarrow g \cdot \min\!\Big(1, \frac{c}{\|g\|}\Big).$$
#
# Keras optimizers do this for you:
# * `clipnorm=c` clips the gradient of **each** weight tensor to norm at most $c$;
# * `global_clipnorm=c` clips the concatenation of all gradients (what `tf.clip_by_global_norm` does);
# * `clipvalue=c` clips every component to $[-c, c]$ (this one can change the direction).
#
# Below we make a simple RNN explode on purpose: its recurrent kernel starts as an orthogonal
# matrix times 2 (all singular values 2) and the sequences are 100 steps long. We train it with
# plain SGD for 40 steps twice, once as is and once with the gradients clipped to global norm 1,
# and record the gradient's norm and the size of each update.

# %%
def exploding_run(clip, steps=40, seed=0):
    """Train a SimpleRNN with a large recurrent init on long sequences; return norms per step."""
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.Input((None, N_FEATURES)),
        keras.layers.SimpleRNN(32, recurrent_initializer=keras.initializers.Orthogonal(gain=2.0)),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    X, y = make_adding_data(32 * steps, length=100, seed=seed + 1)
    optimizer = keras.optimizers.SGD(0.1)
    loss_fn = keras.losses.BinaryCrossentropy()

    @tf.function
    def gradients(xb, yb):
        with tf.GradientTape() as tape:
            loss = loss_fn(yb[:, None], model(xb, training=True))
        return tape.gradient(loss, model.trainable_variables)

    grad_norms, update_norms = [], []
    for step in range(steps):
        batch = slice(32 * step, 32 * (step + 1))
        grads = gradients(X[batch], y[batch])
        grad_norms.append(float(tf.linalg.global_norm(grads)))
        if clip is not None:
            grads, _ = tf.clip_by_global_norm(grads, clip)
        before = [w.numpy().copy() for w in model.trainable_variables]
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        change = [w.numpy() - w0 for w, w0 in zip(model.trainable_variables, before)]
        update_norms.append(float(np.sqrt(sum((d**2).sum() for d in change))))
    return np.array(grad_norms), np.array(update_norms)


runs = {"no clipping": exploding_run(None), "clipped to global norm 1": exploding_run(1.0)}
fig, axes = plt.subplots(1, 2, figsize=(13, 4))
for name, (grad_norms, update_norms) in runs.items():
    axes[0].plot(grad_norms, marker="o", markersize=3, label=name)
    axes[1].plot(update_norms, marker="o", markersize=3, label=name)
axes[0].axhline(1.0, color="k", linestyle="--", linewidth=1, label="clip threshold")
axes[0].set_title("gradient norm before clipping")
axes[1].set_title("size of the weight update  ||lr * g||")
for ax in axes:
    ax.set_yscale("log")
    ax.set_xlabel("training step")
    ax.legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# The very first gradient is around $10^6$. Without clipping, SGD with learning rate $0.1$
# moves the weights by about $10^5$ in one step: the network lands deep in $\tanh$'s flat
# region, where every gradient is small and uninformative, and it is stuck there for good
# (its later gradients look tame, but the damage is done). With clipping the same huge
# gradients arrive for a while, but every update has size at most $0.1 \cdot 1$, and the
# weights move in small steps off the cliff.
#
# ## 7. Training an LSTM on the adding problem
#
# Now the real experiment. Write `train_sequence_model(seed)`: it must return a trained model
# that reaches **at least 85 % accuracy** on fresh adding-problem sequences of length
# `SEQ_LEN`, and it must train **with gradient clipping** set on the optimizer (`clipnorm`,
# `global_clipnorm` or `clipvalue`). A recipe that works: 4000 training sequences from
# `make_adding_data(4000, seed=seed)`, the default `build_sequence_model("lstm")` (32 units,
# Adam with learning rate 0.02 and `clipnorm=1.0`), 10 epochs with batch size 128. That takes
# about 10 s on two CPU cores and reaches about 93 %.

# %%
def train_sequence_model(seed=0):
    """Train a recurrent classifier on the adding problem; return the trained Keras model.

    Requirements: at least 85% accuracy on fresh `make_adding_data` sequences of length SEQ_LEN,
    gradient clipping set on the optimizer, under a minute on two CPU cores.
    Start with keras.utils.set_random_seed(seed) and draw the training data with the seed.
    """
    ### BEGIN SOLUTION
    keras.utils.set_random_seed(seed)
    X, y = make_adding_data(4000, seed=seed)
    model = build_sequence_model("lstm", clipnorm=1.0)
    model.fit(X, y, epochs=10, batch_size=128, verbose=0)
    return model
    ### END SOLUTION


# %%
X_test, y_test = make_adding_data(2000, seed=12345)

lstm_model = train_sequence_model(seed=0)
lstm_acc = np.mean((lstm_model.predict(X_test, verbose=0).ravel() > 0.5) == y_test)
print(f"LSTM test accuracy: {lstm_acc:.3f}")

# %%
check("train")

# %% [markdown]
# ### Why not a simple RNN, or a Dense network?
#
# We train a simple RNN with the same recipe, and a Dense network on the flattened sequence
# (the same data, as one vector of $20 \times 2$ numbers per example), and compare the
# learning curves.

# %%
X_train, y_train = make_adding_data(4000, seed=0)
curves = {"LSTM": lstm_model.history.history}

keras.utils.set_random_seed(0)
simple_model = build_sequence_model("simple")
curves["SimpleRNN"] = simple_model.fit(X_train, y_train, epochs=10, batch_size=128, verbose=0).history

keras.utils.set_random_seed(0)
flat_model = keras.Sequential([
    keras.Input((SEQ_LEN, N_FEATURES)),
    keras.layers.Flatten(),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
flat_model.compile(keras.optimizers.Adam(0.01), "binary_crossentropy", metrics=["accuracy"])
curves["Dense on flattened input"] = flat_model.fit(
    X_train, y_train, epochs=10, batch_size=128, verbose=0).history

for name, model in [("SimpleRNN", simple_model), ("Dense on flattened input", flat_model)]:
    acc = np.mean((model.predict(X_test, verbose=0).ravel() > 0.5) == y_test)
    print(f"{name} test accuracy: {acc:.3f}")

fig, ax = plt.subplots(figsize=(7, 4))
for name, hist in curves.items():
    ax.plot(range(1, len(hist["accuracy"]) + 1), hist["accuracy"], marker="o", label=name)
ax.axhline(0.85, color="k", linestyle="--", linewidth=1, label="the lab's bar")
ax.set_xlabel("epoch")
ax.set_ylabel("training accuracy")
ax.set_title("adding problem, T = 20")
ax.legend()
plt.show()

# %% [markdown]
# The Dense network's *training* accuracy climbs, but its test accuracy (printed above) stays
# far lower: it memorizes the training sequences instead of learning the rule. The markers move
# around, so it would have to learn "multiply the value by the marker" separately at each of the
# 20 positions, from few examples per position. The simple RNN has the right structure (one rule
# applied at every step) but hardly learns anything within 10 epochs. The LSTM gets there, and
# what it learned on the training set holds on fresh sequences.
#
# ### Where the gradient goes: vanishing in the simple RNN
#
# With your `timestep_gradient_norms` we can look inside. We feed both trained models
# sequences of length 100 (five times longer than in training; both read any length) and ask
# how strongly their output depends on each step.

# %%
X_long, _ = make_adding_data(64, length=100, seed=7)
fig, ax = plt.subplots(figsize=(8, 4))
for name, model in [("LSTM (trained)", lstm_model), ("SimpleRNN (trained)", simple_model)]:
    ax.plot(np.arange(1, 101), timestep_gradient_norms(model, X_long), label=name)
keras.utils.set_random_seed(0)
ax.plot(np.arange(1, 101), timestep_gradient_norms(build_sequence_model("lstm"), X_long),
        linestyle=":", label="LSTM (untrained)")
ax.set_yscale("log")
ax.set_xlabel("time step t")
ax.set_ylabel("|| dS / dX[:, t] ||")
ax.set_title("sensitivity of the output to each input step, T = 100")
ax.legend()
plt.show()

# %% [markdown]
# Read the plot from right to left, going back in time. The simple RNN's sensitivity falls by
# orders of magnitude within a few dozen steps: whatever happened early in the sequence has no
# effect on its answer, and during training no gradient reaches it either. An untrained LSTM
# forgets just as fast, but the trained LSTM has learned to hold its forget gates open and its
# sensitivity stays high across the whole sequence: it can use a marked value from step 3 at
# step 100.
#
# ## Check yourself
#
# 1. A `SimpleRNN(64)` reads sequences with 10 features. What are the shapes of its `kernel`,
#    `recurrent_kernel` and `bias`, and how many parameters does it have? How many does
#    `LSTM(64)` have?
# 2. In the scalar linear RNN, $u = 0.9$. By what factor is the gradient from 50 steps back
#    smaller than the one from the last step? What changes if $u = 1.1$?
# 3. Clipping rescales the gradient when its norm exceeds $c$. Why does that fix exploding
#    gradients but not vanishing ones?
# 4. Why can the model of section 7 classify sequences of length 100 although it was trained on
#    length 20, while the Dense network cannot even accept them?
#
# ## Summary
#
# * A simple RNN computes $h_t = \tanh(x_t W_x + h_{t-1} W_h + b)$ with the same weights at
#   every step; Keras stores $W_x$ as `(features, units)` and $W_h$ as `(units, units)`.
# * Backpropagation through time multiplies one Jacobian $\mathrm{diag}(1-h_t^2) W_h^\top$ per
#   step: gradients from far back vanish or explode exponentially.
# * LSTM and GRU cells add a gated, additive path for memory (and for the gradient), which lets
#   them learn long-range dependencies like the adding problem.
# * Gradient clipping (`clipnorm`, `global_clipnorm`, `clipvalue`) bounds each update and keeps
#   one exploding gradient from ruining training.

# %% [markdown]
# ## Submit
#
# `check_all()` runs every question's public tests once more. `export()` then writes the file to
# upload, named after the lab, from the cells you ran (what `check` judged), and says where it
# is; in Colab your browser downloads it too. Upload that file to your course's submission page.

# %%
check_all()
export()
