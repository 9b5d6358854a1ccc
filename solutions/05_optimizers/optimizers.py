# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 05: Optimizers from scratch
#
# Every Keras model you train ends with one line: `model.compile(optimizer="adam", ...)`. The
# optimizer is the part of the training loop that turns a gradient into a change of the
# weights. Plain gradient descent does that with one multiplication; the optimizers you use in
# practice keep a small *memory* (a velocity, running averages of the gradient and of its
# square) that lets them move faster along gentle valleys and more carefully across steep ones.
#
# In this lab you write the classic update rules yourself, exactly as Keras implements them,
# watch them race on two test landscapes, and finally plug your own AdamW into `model.compile`.
#
# **Learning goals.** After this lab you can
# 1. write the update rules of SGD, momentum (classic and Nesterov), Adagrad, RMSprop, Adam and
#    AdamW, with their state passed explicitly;
# 2. explain why the learning rate of plain gradient descent is limited by the *steepest*
#    direction, and why that makes ill-conditioned problems slow;
# 3. explain what momentum, per-coordinate scaling and bias correction each fix;
# 4. tell L2 regularization and decoupled weight decay apart, and say why they differ for Adam;
# 5. write a Keras 3 optimizer (`build` + `update_step`) that matches `keras.optimizers.AdamW`.
#
# **How this notebook is graded.** Fill in the functions marked with
# `raise NotImplementedError`. After each one, a `check("...")` cell runs the public tests for
# that question. The grader only looks at your imports, function and class definitions (and
# ALL_CAPS constants), so the plots and experiments are for you: they are not graded, and they
# can use your functions freely.
#
# **Conventions.** The step functions take numpy arrays and return *new* numpy arrays (do not
# modify the arrays you are given in place). Every optimizer state (velocity, accumulator,
# moments) is an argument and a return value: nothing is hidden in globals. The formulas follow
# Keras, so your results can be compared with `keras.optimizers.*` to about $10^{-6}$.

# %%
from autograder.notebook import lab_tools
check, check_all, export = lab_tools("05_optimizers")

# %%
import inspect

import numpy as np
import matplotlib.pyplot as plt
import keras

# %% [markdown]
# ## 1. Two landscapes to optimize
#
# We test optimizers on two functions of two variables, $w = (x, y)$, small enough to draw.
#
# **An ill-conditioned quadratic.** $f(x, y) = \tfrac12\,(x^2 + 20\,y^2)$. Its level sets are
# ellipses, 20 times more curved along $y$ than along $x$: a long, narrow valley. The gradient is
# $\nabla f = (x,\ 20y)$. The ratio of the largest to the smallest curvature, here $20$, is the
# **condition number**; loss surfaces of real networks have huge condition numbers.
#
# **The Rosenbrock function.** A famous banana-shaped valley:
#
# $$f(x, y) = (a - x)^2 + b\,(y - x^2)^2, \qquad a = 1,\ b = 100.$$
#
# Its minimum is $f = 0$ at $(a, a^2) = (1, 1)$, at the end of a curved, almost flat valley
# floor: easy to fall into, hard to follow. By the chain rule,
#
# $$\frac{\partial f}{\partial x} = -2\,(a - x) - 4\,b\,x\,(y - x^2), \qquad
#   \frac{\partial f}{\partial y} = 2\,b\,(y - x^2).$$
#
# Write both so that they accept one point `w` of shape `(2,)` or a whole grid of points of shape
# `(..., 2)` (the last axis holds $x$ and $y$); this is what the contour plots below use.

# %%
QUAD_SCALES = np.array([1.0, 20.0])


def quadratic(w):
    """The ill-conditioned quadratic 0.5 * (x**2 + 20 * y**2), for w of shape (..., 2)."""
    w = np.asarray(w, dtype=np.float64)
    return 0.5 * np.sum(QUAD_SCALES * w**2, axis=-1)


def quadratic_grad(w):
    """Gradient of `quadratic`: (x, 20 * y)."""
    return QUAD_SCALES * np.asarray(w, dtype=np.float64)


def rosenbrock(w, a=1.0, b=100.0):
    """Rosenbrock function (a - x)**2 + b * (y - x**2)**2.

    `w` has shape (2,) or (..., 2), with x = w[..., 0] and y = w[..., 1].
    Returns a float for one point, or an array of shape `w.shape[:-1]` for many.
    """
    ### BEGIN SOLUTION
    w = np.asarray(w, dtype=np.float64)
    x, y = w[..., 0], w[..., 1]
    return (a - x) ** 2 + b * (y - x**2) ** 2
    ### END SOLUTION


def rosenbrock_grad(w, a=1.0, b=100.0):
    """Gradient of `rosenbrock` with respect to (x, y): an array of the same shape as `w`."""
    ### BEGIN SOLUTION
    w = np.asarray(w, dtype=np.float64)
    x, y = w[..., 0], w[..., 1]
    dx = -2.0 * (a - x) - 4.0 * b * x * (y - x**2)
    dy = 2.0 * b * (y - x**2)
    return np.stack([dx, dy], axis=-1)
    ### END SOLUTION


# %%
print(rosenbrock([1.0, 1.0]), rosenbrock_grad([1.0, 1.0]))    # the minimum: 0 and (0, 0)
print(rosenbrock([-1.0, 2.0]), rosenbrock_grad([-1.0, 2.0]))

# %%
check("rosenbrock")

# %% [markdown]
# ## 2. Gradient descent, and a loop to run it
#
# The gradient points uphill, so we step the other way:
#
# $$w_{t+1} = w_t - \eta\, g_t, \qquad g_t = \nabla f(w_t),$$
#
# with learning rate $\eta$ (`lr`). Keras calls this `keras.optimizers.SGD` ("stochastic"
# because in a network $g_t$ is computed on a random mini-batch).

# %%
def sgd_step(w, g, lr):
    """One step of gradient descent: return the new weights w - lr * g (a new array)."""
    ### BEGIN SOLUTION
    return np.asarray(w, dtype=np.float64) - lr * np.asarray(g, dtype=np.float64)
    ### END SOLUTION


# %%
check("sgd")

# %% [markdown]
# To compare optimizers we need a loop that starts at $w_0$, asks for the gradient, takes a step
# and records where it went. The loop must work for every step function of this lab, and they
# have different state. We use one rule, read from the step function's signature:
#
# * the parameters **between `g` and `lr`** are the optimizer's state:
#
#   | step function | state parameters | returns |
#   |---|---|---|
#   | `sgd_step(w, g, lr)` | none | `w` |
#   | `momentum_step(w, g, v, lr, ...)` | `v` | `(w, v)` |
#   | `adagrad_step(w, g, accum, lr, ...)` | `accum` | `(w, accum)` |
#   | `rmsprop_step(w, g, s, lr, ...)` | `s` | `(w, s)` |
#   | `adam_step(w, g, m, v, t, lr, ...)` | `m, v, t` | `(w, m, v)` |
#   | `adamw_step(w, g, m, v, t, lr, ...)` | `m, v, t` | `(w, m, v)` |
#
# * every state array starts as **zeros** of the shape of $w$ (so Adagrad's accumulator starts at
#   0, where Keras' `Adagrad` starts at `initial_accumulator_value=0.1`);
# * `t` is a **step counter**: `1` on the first step, then `2, 3, ...`;
# * the arrays a step returns after `w` are its new state, in the order of the table, and are
#   passed back on the next step;
# * the hyperparameters (`lr=...`, `momentum=...`, `nesterov=...`) are passed as keywords to
#   every step.
#
# `inspect.signature(step).parameters` lists a function's parameter names in order. (Keying a
# dict on `step.__name__` also works, since the grader only passes the step functions of this
# lab.) Store a *copy* of each new `w`, so nothing in the trajectory can change afterwards.

# %%
def minimize(step, grad_fn, w0, steps, **hyper):
    """Run `steps` steps of an optimizer from `w0`; return the trajectory.

    - `step`: one of this lab's step functions (e.g. `sgd_step`, `adam_step`);
    - `grad_fn(w)`: returns the gradient at `w` (an array of the shape of `w`);
    - `w0`: starting point, a 1-D array of length `dim`;
    - `hyper`: keyword hyperparameters passed to every call of `step` (e.g. `lr=0.1`).

    State is carried between steps as described above: the parameters of `step` between `g`
    and `lr` are its state; state arrays start as zeros like `w`, `t` starts at 1 and grows by 1
    per step, and each step's returned state is passed to the next step.
    Returns a float array of shape `(steps + 1, dim)`: row 0 is `w0`, row k the weights after
    k steps.
    """
    ### BEGIN SOLUTION
    w = np.array(w0, dtype=np.float64)
    names = list(inspect.signature(step).parameters)
    state_names = names[2:names.index("lr")]
    arrays = [name for name in state_names if name != "t"]
    state = {name: np.zeros_like(w) for name in arrays}
    t = 1
    trajectory = [w.copy()]
    for _ in range(steps):
        g = np.asarray(grad_fn(w), dtype=np.float64)
        kwargs = dict(state)
        if "t" in state_names:
            kwargs["t"] = t
        out = step(w, g, **kwargs, **hyper)
        if arrays:
            w = np.array(out[0], dtype=np.float64)
            state = {name: np.asarray(value, dtype=np.float64) for name, value in zip(arrays, out[1:])}
        else:
            w = np.array(out, dtype=np.float64)
        t += 1
        trajectory.append(w.copy())
    return np.array(trajectory)
    ### END SOLUTION


# %%
path = minimize(sgd_step, quadratic_grad, [-9.0, 1.5], steps=5, lr=0.04)
print(path)

# %%
check("minimize")

# %% [markdown]
# ### How large can the learning rate be?
#
# On the quadratic, one step of gradient descent acts on each coordinate separately:
#
# $$x_{t+1} = x_t - \eta\,x_t = (1 - \eta)\,x_t, \qquad y_{t+1} = (1 - 20\,\eta)\,y_t.$$
#
# A coordinate with curvature $\lambda$ shrinks by the factor $|1 - \eta\lambda|$ per step. It
# converges when $|1 - \eta\lambda| < 1$, i.e. $\eta < 2/\lambda$, and **the steepest direction
# sets the limit**: $\eta < 2/20 = 0.1$. At $\eta = 0.1$ the $y$ coordinate flips sign forever;
# above it, it explodes. Meanwhile the flat direction $x$ shrinks only by $1 - \eta \geq 0.9$ per
# step: gradient descent needs about (condition number) steps to get anywhere. The best constant
# rate balances the two: $\eta^\star = 2/(\lambda_\min + \lambda_\max) = 2/21 \approx 0.095$.

# %%
def contours(ax, f, xlim, ylim, levels):
    xs, ys = np.linspace(*xlim, 300), np.linspace(*ylim, 300)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1)
    ax.contour(xs, ys, f(grid), levels=levels, cmap="Greys", linewidths=0.7)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)


W0_QUAD = np.array([-9.0, 1.5])
quad_levels = np.geomspace(0.05, 60, 12)
rates = {"too low: 0.005": 0.005, "about right: 0.09": 0.09, "too high: 0.102": 0.102}
fig, axes = plt.subplots(1, 2, figsize=(13, 4.5))
contours(axes[0], quadratic, (-10, 10), (-2.5, 2.5), quad_levels)
for label, lr in rates.items():
    path = minimize(sgd_step, quadratic_grad, W0_QUAD, steps=60, lr=lr)
    axes[0].plot(path[:, 0], path[:, 1], ".-", markersize=3, linewidth=1, label=label)
    axes[1].semilogy(quadratic(path), label=label)
axes[0].set_title("gradient descent on 0.5 (x² + 20 y²), 60 steps")
axes[0].legend(loc="lower right")
axes[1].set_title("loss per step")
axes[1].set_xlabel("step")
axes[1].legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# Too low, and 60 steps barely move along the valley. Too high (just above $0.1$), and the
# steep direction zig-zags with growing amplitude: the loss goes *up*. The good rate still
# zig-zags across the valley, and its progress along $x$ is limited by $(1 - \eta)^t$.
#
# ## 3. Momentum
#
# **Intuition.** A heavy ball rolling down the valley does not stop at every bump: it keeps a
# velocity. Across the valley the gradients alternate in sign and cancel out in the velocity;
# along the valley they all point the same way and add up.
#
# Keras writes momentum with the learning rate *inside* the velocity $v$ (starting at $v_0 = 0$):
#
# $$v_{t+1} = \mu\, v_t - \eta\, g_t, \qquad w_{t+1} = w_t + v_{t+1},$$
#
# with momentum coefficient $\mu$ (`momentum`, typically 0.9). With a constant gradient $g$ the
# velocity tends to $-\eta g/(1 - \mu)$: momentum 0.9 makes the steps up to 10 times longer.
#
# **Nesterov momentum** looks ahead: it evaluates the step as if the velocity had already been
# applied. In Keras' form (which needs only the gradient at the current point) the velocity
# update is the same and the weight update becomes
#
# $$w_{t+1} = w_t + \mu\, v_{t+1} - \eta\, g_t.$$

# %%
def momentum_step(w, g, v, lr, momentum=0.9, nesterov=False):
    """One step of SGD with momentum, as `keras.optimizers.SGD(lr, momentum, nesterov)`.

    v_new = momentum * v - lr * g
    w_new = w + v_new                            (classic)
    w_new = w + momentum * v_new - lr * g        (nesterov=True)
    Returns `(w_new, v_new)`.
    """
    ### BEGIN SOLUTION
    w, g, v = (np.asarray(a, dtype=np.float64) for a in (w, g, v))
    v = momentum * v - lr * g
    if nesterov:
        w = w + momentum * v - lr * g
    else:
        w = w + v
    return w, v
    ### END SOLUTION


# %%
check("momentum")

# %% [markdown]
# ## 4. Adagrad and RMSprop: one learning rate per coordinate
#
# Momentum still uses one learning rate for every coordinate, limited by the steepest one. The
# adaptive methods divide each coordinate's step by the size of its recent gradients, so steep
# coordinates take small steps and flat ones large steps.
#
# **Adagrad** keeps the running sum of squared gradients, coordinate by coordinate:
#
# $$a_{t+1} = a_t + g_t^2, \qquad w_{t+1} = w_t - \eta\,\frac{g_t}{\sqrt{a_{t+1} + \epsilon}}.$$
#
# (Squares, square roots and divisions are element-wise. Keras puts $\epsilon$ *inside* the
# square root.) As $a$ only grows, the steps shrink forever: good for convex problems with
# rare features, too timid for long training runs.
#
# **RMSprop** replaces the sum by an exponential moving average with decay $\rho$, so old
# gradients are forgotten and the step size stays alive:
#
# $$s_{t+1} = \rho\, s_t + (1 - \rho)\, g_t^2, \qquad
#   w_{t+1} = w_t - \eta\,\frac{g_t}{\sqrt{s_{t+1} + \epsilon}}.$$
#
# Both steps are (almost) invariant to the scale of the gradient: multiply $f$ by 1000 and the
# step barely changes. On the quadratic, the first Adagrad step is
# $\eta\,g/\sqrt{g^2} = \eta\,\mathrm{sign}(g)$ in each coordinate, whatever the curvature.

# %%
def adagrad_step(w, g, accum, lr, eps=1e-7):
    """One Adagrad step, as `keras.optimizers.Adagrad` (eps inside the square root).

    accum_new = accum + g**2
    w_new = w - lr * g / sqrt(accum_new + eps)
    Returns `(w_new, accum_new)`. The caller chooses the starting accumulator.
    """
    ### BEGIN SOLUTION
    w, g, accum = (np.asarray(a, dtype=np.float64) for a in (w, g, accum))
    accum = accum + g**2
    w = w - lr * g / np.sqrt(accum + eps)
    return w, accum
    ### END SOLUTION


def rmsprop_step(w, g, s, lr, rho=0.9, eps=1e-7):
    """One RMSprop step, as `keras.optimizers.RMSprop` (no momentum, not centered).

    s_new = rho * s + (1 - rho) * g**2
    w_new = w - lr * g / sqrt(s_new + eps)
    Returns `(w_new, s_new)`.
    """
    ### BEGIN SOLUTION
    w, g, s = (np.asarray(a, dtype=np.float64) for a in (w, g, s))
    s = rho * s + (1.0 - rho) * g**2
    w = w - lr * g / np.sqrt(s + eps)
    return w, s
    ### END SOLUTION


# %%
check("adagrad")

# %%
check("rmsprop")

# %% [markdown]
# ## 5. Adam: momentum plus RMSprop, with bias correction
#
# Adam keeps both an average of the gradient (the first moment $m$, a momentum) and an average of
# its square (the second moment $v$, as RMSprop), starting from $m_0 = v_0 = 0$, and counts steps
# from $t = 1$:
#
# $$m_t = \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \qquad v_t = \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2.$$
#
# **Bias correction.** Starting at zero biases the averages towards zero: after the first step
# $m_1 = (1 - \beta_1) g_1 = 0.1\,g_1$ and $v_1 = 0.001\,g_1^2$. If all gradients were equal to
# $g$, we would have $m_t = (1 - \beta_1^t)\,g$, so dividing by $1 - \beta_1^t$ removes the bias:
#
# $$\hat m_t = \frac{m_t}{1 - \beta_1^t}, \qquad \hat v_t = \frac{v_t}{1 - \beta_2^t}, \qquad
#   w_t = w_{t-1} - \eta\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}.$$
#
# Without it the first step would be $0.1/\sqrt{0.001} \approx 3.2$ times too large, and the
# early steps badly scaled. Here $\epsilon$ is added *outside* the square root.
#
# Keras computes the same update in a cheaper, algebraically equivalent form:
# $\alpha_t = \eta\,\sqrt{1 - \beta_2^t}/(1 - \beta_1^t)$ and
# $w_t = w_{t-1} - \alpha_t\, m_t/(\sqrt{v_t} + \epsilon)$. The only difference is where
# $\epsilon$ sits (it is effectively $\epsilon\sqrt{1-\beta_2^t}$ in the textbook form), which
# matters only when gradients are as small as $\epsilon$. Either form passes the tests.

# %%
def adam_step(w, g, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-7):
    """One Adam step, as `keras.optimizers.Adam`. `t` is the step number, starting at 1.

    m_new = beta1 * m + (1 - beta1) * g
    v_new = beta2 * v + (1 - beta2) * g**2
    m_hat = m_new / (1 - beta1**t),  v_hat = v_new / (1 - beta2**t)
    w_new = w - lr * m_hat / (sqrt(v_hat) + eps)
    Returns `(w_new, m_new, v_new)` (the moments without bias correction).
    """
    ### BEGIN SOLUTION
    w, g, m, v = (np.asarray(a, dtype=np.float64) for a in (w, g, m, v))
    m = beta1 * m + (1.0 - beta1) * g
    v = beta2 * v + (1.0 - beta2) * g**2
    m_hat = m / (1.0 - beta1**t)
    v_hat = v / (1.0 - beta2**t)
    w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w, m, v
    ### END SOLUTION


# %%
check("adam")

# %% [markdown]
# ## 6. Racing the optimizers
#
# Now we let them race on both landscapes. The learning rates are tuned by hand for each
# method (try changing them!). On the quadratic, watch how momentum overshoots and comes back,
# and how the adaptive methods head almost diagonally, with the same step size in both
# coordinates at first.

# %%
racers = {
    "SGD": (sgd_step, {"lr": 0.09}),
    "momentum": (momentum_step, {"lr": 0.05, "momentum": 0.7}),
    "Nesterov": (momentum_step, {"lr": 0.05, "momentum": 0.7, "nesterov": True}),
    "Adagrad": (adagrad_step, {"lr": 1.0}),
    "RMSprop": (rmsprop_step, {"lr": 0.2}),
    "Adam": (adam_step, {"lr": 0.2}),
}
fig, axes = plt.subplots(1, 2, figsize=(13, 4.5))
contours(axes[0], quadratic, (-10, 10), (-2.5, 2.5), quad_levels)
for name, (step, hyper) in racers.items():
    path = minimize(step, quadratic_grad, W0_QUAD, steps=60, **hyper)
    axes[0].plot(path[:, 0], path[:, 1], ".-", markersize=3, linewidth=1, label=name)
    axes[1].semilogy(quadratic(path) + 1e-12, label=name)
axes[0].set_title("ill-conditioned quadratic, 60 steps")
axes[0].legend(loc="lower right")
axes[1].set_title("loss per step")
axes[1].set_xlabel("step")
axes[1].legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# What to notice:
# * SGD zig-zags across the valley at every step; momentum and Nesterov zig-zag too, but their
#   velocity accumulates the consistent pull along $x$ and they reach the minimum far sooner.
#   Nesterov's look-ahead damps the oscillations.
# * The adaptive methods first step by about $\eta$ in *each* coordinate (a diagonal move: the
#   $y$ direction is fixed in a few steps, whatever its curvature), then travel along the valley
#   floor at a speed set by $\eta$, not by the gradient. On a small, smooth quadratic that is not
#   an advantage: no optimizer wins every race, which is why the learning rate (and the
#   optimizer) are hyperparameters.
#
# The Rosenbrock valley is harder: the gradient across the valley is hundreds of times larger
# than along it, and the valley bends. Plain gradient descent needs a tiny learning rate to
# stay stable across the valley, and then crawls along it.

# %%
W0_ROSEN = np.array([-1.5, 2.0])
rosen_racers = {
    "SGD": (sgd_step, {"lr": 1e-3}),
    "momentum": (momentum_step, {"lr": 1e-4, "momentum": 0.95}),
    "Adagrad": (adagrad_step, {"lr": 0.5}),
    "RMSprop": (rmsprop_step, {"lr": 3e-3}),
    "Adam": (adam_step, {"lr": 0.02}),
}
fig, axes = plt.subplots(1, 2, figsize=(13, 4.5))
contours(axes[0], rosenbrock, (-2, 2), (-1, 3), np.geomspace(0.01, 2000, 14))
axes[0].plot(1, 1, "k*", markersize=12)
for name, (step, hyper) in rosen_racers.items():
    path = minimize(step, rosenbrock_grad, W0_ROSEN, steps=2000, **hyper)
    axes[0].plot(path[:, 0], path[:, 1], "-", linewidth=1.2, label=name)
    axes[1].semilogy(rosenbrock(path) + 1e-12, label=name)
axes[0].set_title("Rosenbrock, 2000 steps (minimum at the star)")
axes[0].legend(loc="lower right")
axes[1].set_title("f per step")
axes[1].set_xlabel("step")
axes[1].legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 7. AdamW: weight decay, decoupled
#
# **L2 regularization** adds $\frac{\lambda}{2}\lVert w\rVert^2$ to the loss, which adds
# $\lambda w$ to the gradient. For plain SGD that gives
# $w \leftarrow w - \eta(g + \lambda w) = (1 - \eta\lambda)\,w - \eta g$: the weights shrink by a
# constant factor each step ("weight decay"). For SGD, L2 and weight decay are the same thing.
#
# **Not for Adam.** If we add $\lambda w$ to the gradient, Adam divides it by $\sqrt{\hat v}$
# like the rest: weights with large gradients are barely regularized, weights with small ones
# strongly. Loshchilov and Hutter (2019) proposed to *decouple* the decay from the gradient and
# apply it to the weights directly:
#
# $$w \leftarrow w - \eta\,\lambda\, w \quad\text{(decay)}, \qquad
#   w \leftarrow w - \eta\,\frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon} \quad\text{(Adam step, on the gradient } g \text{ alone)}.$$
#
# This is `keras.optimizers.AdamW` (`weight_decay` defaults to 0.004); Keras applies the decay
# first, then the Adam update. The moments $m$ and $v$ never see the decay.

# %%
def adamw_step(w, g, m, v, t, lr, weight_decay=0.004, beta1=0.9, beta2=0.999, eps=1e-7):
    """One AdamW step, as `keras.optimizers.AdamW`: decoupled weight decay, then Adam.

    w_decayed = w - lr * weight_decay * w
    then the Adam step of `adam_step` on w_decayed with the gradient g (g is NOT changed).
    Returns `(w_new, m_new, v_new)`.
    """
    ### BEGIN SOLUTION
    w = np.asarray(w, dtype=np.float64)
    w = w - lr * weight_decay * w
    return adam_step(w, g, m, v, t, lr, beta1=beta1, beta2=beta2, eps=eps)
    ### END SOLUTION


# %%
check("adamw")

# %% [markdown]
# ### L2 in Adam versus decoupled decay
#
# A tiny experiment on two weights with very different gradient scales: the loss pulls both
# towards 1 and its gradient is 100 times steeper for the first weight. With L2 folded into the
# gradient, Adam's normalization hides the decay of the steep weight; with decoupled decay both
# weights feel the same relative pull towards 0.

# %%
target_scales = np.array([100.0, 1.0])
grad_fn = lambda w: target_scales * (w - 1.0)
lam, lr = 0.5, 0.01
w_l2 = minimize(adam_step, lambda w: grad_fn(w) + lam * w, [0.0, 0.0], 3000, lr=lr)[-1]
w_decoupled = minimize(adamw_step, grad_fn, [0.0, 0.0], 3000, lr=lr, weight_decay=lam)[-1]
print("Adam + L2      :", np.round(w_l2, 3), "  (the steep weight ends near 1, the flat one near 2/3)")
print("AdamW decoupled:", np.round(w_decoupled, 3), "  (the decay acts on both weights)")

# %% [markdown]
# ## 8. Your AdamW inside Keras
#
# A Keras 3 optimizer is a subclass of `keras.optimizers.Optimizer` with two methods to write:
#
# * `build(self, var_list)`: create the state, one slot per model variable (the skeleton already
#   calls `super().build(var_list)`). For instance
#   `self._m = [self.add_variable_from_reference(v, name="m") for v in var_list]`
#   makes a list of zero-initialised variables of the same shapes and dtypes.
# * `update_step(self, gradient, variable, learning_rate)`: update one variable in place.
#   `self._get_variable_index(variable)` finds the variable's slot; `self.iterations` counts the
#   steps already taken (0 on the first step, so $t$ = `self.iterations + 1`, computed for you
#   in the skeleton). Variables work with `+ - * /` like tensors; use `keras.ops`
#   (`ops.square`, `ops.sqrt`, `ops.power`, `ops.cast`) and update variables with
#   `self.assign(var, value)` and `self.assign_sub(var, value)`.
#
# Weight decay comes for free: pass `weight_decay=...` to `super().__init__` and the base class
# applies $w \leftarrow w - \eta\lambda w$ to every variable before calling `update_step`. (If
# you prefer to decay inside `update_step` yourself, then do not pass it to the base class, or
# the weights decay twice.)

# %%
class ScratchAdamW(keras.optimizers.Optimizer):
    """AdamW written from scratch, usable in `model.compile(optimizer=ScratchAdamW(...))`.

    Same hyperparameters and defaults as `keras.optimizers.AdamW`: `learning_rate=0.001`,
    `weight_decay=0.004`, `beta_1=0.9`, `beta_2=0.999`, `epsilon=1e-7`; any other keyword
    arguments go to the base class. Over 100 steps it must match `keras.optimizers.AdamW`.
    """

    def __init__(self, learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999,
                 epsilon=1e-7, name="scratch_adamw", **kwargs):
        """Pass learning_rate, weight_decay, name and kwargs to the base class; keep the betas and
        epsilon as attributes `self.beta_1`, `self.beta_2`, `self.epsilon`."""
        ### BEGIN SOLUTION
        super().__init__(learning_rate=learning_rate, weight_decay=weight_decay, name=name, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        ### END SOLUTION

    def build(self, var_list):
        """Create the first and second moment (zeros like each variable in `var_list`)."""
        if self.built:
            return
        super().build(var_list)
        ### BEGIN SOLUTION
        self._m = [self.add_variable_from_reference(v, name="m") for v in var_list]
        self._v = [self.add_variable_from_reference(v, name="v") for v in var_list]
        ### END SOLUTION

    def update_step(self, gradient, variable, learning_rate):
        """Update one variable's moments, then the variable itself (bias-corrected Adam step)."""
        ops = keras.ops
        lr = ops.cast(learning_rate, variable.dtype)
        g = ops.cast(gradient, variable.dtype)
        t = ops.cast(self.iterations + 1, variable.dtype)  # the step number, from 1
        ### BEGIN SOLUTION
        index = self._get_variable_index(variable)
        m, v = self._m[index], self._v[index]
        self.assign(m, self.beta_1 * m + (1.0 - self.beta_1) * g)
        self.assign(v, self.beta_2 * v + (1.0 - self.beta_2) * ops.square(g))
        m_hat = m / (1.0 - ops.power(ops.cast(self.beta_1, variable.dtype), t))
        v_hat = v / (1.0 - ops.power(ops.cast(self.beta_2, variable.dtype), t))
        self.assign_sub(variable, lr * m_hat / (ops.sqrt(v_hat) + self.epsilon))
        ### END SOLUTION

    def get_config(self):
        """What `keras.optimizers.serialize` saves (given: nothing to write here)."""
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config


# %%
check("scratch_adamw")

# %% [markdown]
# Let us train the same small classifier twice from the same initial weights, once with Keras'
# AdamW and once with yours, on the two-moons data. Full-batch training without shuffling makes
# both runs deterministic, so the curves should lie on top of each other. (Not to the last
# digit: float32 rounding, and the textbook placement of $\epsilon$ versus Keras' one, leave
# differences around $10^{-5}$.)

# %%
from sklearn.datasets import make_moons

X_moons, y_moons = make_moons(400, noise=0.2, random_state=0)
keras.utils.set_random_seed(0)
template = keras.Sequential([
    keras.Input((2,)),
    keras.layers.Dense(16, activation="tanh"),
    keras.layers.Dense(1, activation="sigmoid"),
])
initial_weights = template.get_weights()
curves = {}
for name, make_optimizer in {
    "keras AdamW": lambda: keras.optimizers.AdamW(learning_rate=0.05, weight_decay=0.01),
    "ScratchAdamW": lambda: ScratchAdamW(learning_rate=0.05, weight_decay=0.01),
}.items():
    model = keras.models.clone_model(template)
    model.set_weights(initial_weights)
    model.compile(optimizer=make_optimizer(), loss="binary_crossentropy")
    curves[name] = model.fit(X_moons, y_moons, batch_size=len(X_moons), epochs=100,
                             shuffle=False, verbose=0).history["loss"]
gap = np.max(np.abs(np.array(curves["keras AdamW"]) - np.array(curves["ScratchAdamW"])))
print(f"largest difference between the two loss curves: {gap:.2e}")
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(curves["keras AdamW"], linewidth=4, alpha=0.4, label="keras AdamW")
ax.plot(curves["ScratchAdamW"], "--", label="ScratchAdamW")
ax.set_xlabel("step (full batch)")
ax.set_ylabel("training loss")
ax.legend()
plt.show()

# %% [markdown]
# ## Check yourself
#
# 1. On $f(x, y) = \tfrac12(x^2 + 100y^2)$, what is the largest learning rate for which gradient
#    descent converges, and about how much does $x$ shrink per step at that rate?
# 2. With momentum $\mu = 0.99$ and a constant gradient, how much longer do the steps get than
#    with plain SGD at the same learning rate? Why can this be a problem early in training?
# 3. Multiply a loss by 1000. What happens to the steps of SGD, of RMSprop and of Adam?
# 4. For plain SGD, L2 regularization with coefficient $\lambda$ and weight decay are the same.
#    Write the step of each and show it. Why does the argument fail for Adam?
#
# ## Summary
#
# * Gradient descent: $w \leftarrow w - \eta g$; $\eta < 2/\lambda_\max$, and progress along flat
#   directions is slow when the condition number is large.
# * Momentum: $v \leftarrow \mu v - \eta g$, $w \leftarrow w + v$; Nesterov uses
#   $w \leftarrow w + \mu v - \eta g$.
# * Adagrad / RMSprop: divide by $\sqrt{\text{sum or average of } g^2 + \epsilon}$, per coordinate.
# * Adam: momentum + RMSprop, bias-corrected by $1 - \beta^t$ with $t$ counting from 1.
# * AdamW: decay the weights by $\eta\lambda w$ directly instead of adding $\lambda w$ to the
#   gradient.
# * A Keras optimizer is `build` (create state) plus `update_step` (update one variable).

# %% [markdown]
# ## Submit
#
# `check_all()` runs every question's public tests once more. `export()` then writes the file to
# upload, named after the lab, from the cells you ran (what `check` judged), and says where it
# is; in Colab your browser downloads it too. Upload that file to your course's submission page.

# %%
check_all()
export()
