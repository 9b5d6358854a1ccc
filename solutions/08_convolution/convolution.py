# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 08: Convolution and pooling by hand
#
# A Dense layer connects every input to every unit. For an image this is wasteful: a 200x200
# colour image has 120,000 inputs, so a single Dense unit needs 120,000 weights, and the layer
# has to learn separately that an edge in the top-left corner looks like an edge in the
# bottom-right corner. A **convolutional layer** uses two ideas instead:
#
# * **local connectivity**: each output looks only at a small window of the input (say 3x3);
# * **weight sharing**: the same small set of weights, the *kernel* or *filter*, is slid over
#   every position of the image.
#
# A 3x3 filter on a colour image has $3 \cdot 3 \cdot 3 = 27$ weights and a bias, however big
# the image is, and it detects its pattern wherever it occurs.
#
# In this lab you write the operations of a convolutional network with numpy, check them against
# Keras, and look at what they do to real images.
#
# **Learning goals.** After this lab you can
# 1. compute the output size of a convolution or pooling layer from $n$, $f$, $p$ and $s$;
# 2. pad an image with zeros or by replicating its border;
# 3. implement a multi-channel, strided, padded 2-D convolution exactly as `keras.layers.Conv2D`
#    computes it (a cross-correlation), including TensorFlow's rule for `"same"` padding;
# 4. implement max and average pooling;
# 5. design a hand-made edge detector and read a feature map;
# 6. count the parameters of a convolutional layer and compare it with a Dense layer.
#
# **How this notebook is graded.** Fill in the functions marked with
# `raise NotImplementedError`. After each one, a `check("...")` cell runs the public tests for
# that question. The grader only looks at your imports and function definitions, so the plots
# and experiments are for you: they are not graded, and they can use your functions freely.
# Loops over output positions are perfectly fine here: clarity first, speed later.

# %%
from autograder.notebook import lab_tools
check, check_all, export = lab_tools("08_convolution")

# %%
import numpy as np
import matplotlib.pyplot as plt
import keras
from sklearn.datasets import load_digits

# %% [markdown]
# ## 1. Intuition: a filter sliding over an image
#
# Take a grey-scale image as a grid of numbers and a small $3\times 3$ grid of weights, the
# filter. Put the filter on the top-left corner of the image, multiply the 9 pairs of numbers
# that lie on top of each other and add them up: that is the first output value. Slide the filter
# one pixel to the right and repeat; at the end of the row, go back to the left and one pixel
# down. The grid of results is the **feature map**. It is large where the image looks like the
# filter and small (or negative) where it looks like its opposite.
#
# With $f \times f$ filters, an $n \times n$ image has only $n - f + 1$ positions per row
# where the filter fits entirely, so the feature map is smaller than the image. Two knobs change
# that:
#
# * **padding** $p$: add $p$ rows/columns of (usually) zeros around the image first, so the
#   filter can also sit on the border;
# * **stride** $s$: jump $s$ pixels at a time instead of 1, which shrinks the output by about a
#   factor $s$.
#
# ## 2. The output size
#
# Along one axis the padded image has $n + 2p$ pixels. The filter's first pixel can start at
# positions $0, s, 2s, \dots$ as long as the filter still fits, i.e. $ks + f \le n + 2p$.
# The number of such $k = 0, 1, 2, \dots$ is
#
# $$\boxed{n_\text{out} = \left\lfloor \frac{n + 2p - f}{s} \right\rfloor + 1}$$
#
# The floor matters: when $(n + 2p - f)$ is not a multiple of $s$, the last few pixels are
# simply never covered by a window (and are lost). Examples: $n=6, f=3$ gives $4$;
# $n=7, f=3, s=2$ gives $3$; $n=8, f=3, s=2$ gives $\lfloor 5/2 \rfloor + 1 = 3$ as well.
#
# Two names for two common choices:
# * **valid**: $p = 0$, no padding, $n_\text{out} = n - f + 1$ for $s = 1$;
# * **same**: pad just enough that $n_\text{out} = n$ for $s = 1$, i.e. $p = (f-1)/2$ for odd
#   $f$. (Section 5 says what happens for even $f$ and for strides.)

# %%
def conv_output_size(n, f, p=0, s=1):
    """Output size along one axis of a convolution or pooling window.

    n: input size, f: filter (window) size, p: padding added on EACH side, s: stride.
    Returns floor((n + 2p - f) / s) + 1 as a Python int.
    """
    ### BEGIN SOLUTION
    return (int(n) + 2 * int(p) - int(f)) // int(s) + 1
    ### END SOLUTION


# %%
print(conv_output_size(6, 3), conv_output_size(7, 3, s=2), conv_output_size(32, 5, p=2))

# %%
check("output_size")

# %% [markdown]
# ## 3. Padding
#
# Padding grows an image by $p$ pixels on every side (top, bottom, left and right; never along
# the channel axis). What goes into the new pixels?
#
# * **zero** padding: $0$. This is what `Conv2D(padding="same")` does. A filter sitting on the
#   border then sees part of a dark frame, which can create artificial "edges" at the border.
# * **replicate** padding: copy the nearest border pixel outwards, $\tilde x[i, j] =
#   x[\mathrm{clip}(i - p, 0, H-1), \mathrm{clip}(j - p, 0, W-1)]$. The border then looks
#   flat to the filter. (numpy calls this mode `"edge"`.)
#
# A tiny example with $p = 1$:
#
# $$\begin{pmatrix}1 & 2\\ 3 & 4\end{pmatrix} \xrightarrow{\text{zero}}
# \begin{pmatrix}0&0&0&0\\0&1&2&0\\0&3&4&0\\0&0&0&0\end{pmatrix},
# \qquad
# \begin{pmatrix}1 & 2\\ 3 & 4\end{pmatrix} \xrightarrow{\text{replicate}}
# \begin{pmatrix}1&1&2&2\\1&1&2&2\\3&3&4&4\\3&3&4&4\end{pmatrix}$$

# %%
def pad2d(x, p, mode="zero"):
    """Pad the two spatial axes of `x` by `p` pixels on every side.

    x: array of shape (H, W) or (H, W, C); the channel axis (if any) is NOT padded.
    p: int >= 0.
    mode: "zero" fills the new pixels with 0; "replicate" copies the nearest border pixel.
    Returns an array of shape (H + 2p, W + 2p) or (H + 2p, W + 2p, C).
    You may use np.pad (its "constant" and "edge" modes) or write it with slicing.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x)
    p = int(p)
    widths = [(p, p), (p, p)] + [(0, 0)] * (x.ndim - 2)
    if mode == "zero":
        return np.pad(x, widths, mode="constant", constant_values=0)
    if mode == "replicate":
        return np.pad(x, widths, mode="edge")
    raise ValueError(f"unknown padding mode {mode!r}; use 'zero' or 'replicate'")
    ### END SOLUTION


# %%
tiny = np.array([[1, 2], [3, 4]])
print(pad2d(tiny, 1))
print(pad2d(tiny, 1, mode="replicate"))

# %%
check("pad")

# %% [markdown]
# ## 4. Convolution as Keras computes it
#
# ### One channel
#
# For a single-channel image $X$ and an $f \times f$ kernel $K$, the output at row $i$ and
# column $j$ (stride $s$, image already padded) is
#
# $$Y[i, j] = \sum_{u=0}^{f-1} \sum_{v=0}^{f-1} X[i s + u,\ j s + v]\; K[u, v].$$
#
# Strictly speaking this is a **cross-correlation**. The convolution of mathematics and signal
# processing flips the kernel first, $\sum_{u,v} X[is + u, js + v]\,K[f-1-u, f-1-v]$. Deep
# learning libraries, Keras included, skip the flip and still call it convolution: since the
# kernel is learned, a flipped kernel is just another kernel. It matters when you copy a
# hand-made kernel from a textbook, or compare your code with Keras: **do not flip**.
#
# ### Many channels, many filters
#
# A colour image has $C_\text{in}$ channels, shape $(H, W, C_\text{in})$. Each filter spans all
# input channels, so Keras stores a layer's kernels as one array of shape
# $(f, f, C_\text{in}, C_\text{out})$: $C_\text{out}$ filters of size $f \times f \times C_\text{in}$.
# Filter $k$ produces output channel $k$:
#
# $$\boxed{Y[i, j, k] = \sum_{u=0}^{f-1} \sum_{v=0}^{f-1} \sum_{c=0}^{C_\text{in}-1}
#   X[i s + u,\ j s + v,\ c]\; K[u, v, c, k]}$$
#
# (A `Conv2D` layer then adds a bias $b_k$ and applies an activation; here we leave both out,
# like `Conv2D(use_bias=False)` with no activation.) The output has shape
# $(H_\text{out}, W_\text{out}, C_\text{out})$ with the sizes from section 2.
#
# In numpy, one output pixel's sum over $u, v, c$ is `np.sum(window[:, :, :, None] * kernel,
# axis=(0, 1, 2))` or `np.tensordot(window, kernel, axes=3)`, where `window` is the
# $(f, f, C_\text{in})$ patch of the input.
#
# ## 5. "same" padding, TensorFlow's way
#
# `padding="same"` asks for $n_\text{out} = \lceil n / s \rceil$ (exactly $n$ when $s = 1$).
# Solving the output-size formula for the total padding $P$ along one axis gives
#
# $$P = \max\big((n_\text{out} - 1)\,s + f - n,\ 0\big).$$
#
# When $P$ is even it is split equally. When it is odd, for example $n = 6, f = 2, s = 1$ where
# $P = 1$, one side must get one pixel more, and TensorFlow (so Keras) puts the extra pixel at the
# **bottom / right**:
#
# $$p_\text{top} = \lfloor P / 2 \rfloor, \qquad p_\text{bottom} = P - p_\text{top}$$
#
# (and the same for left/right along the width). Other libraries choose differently, which is
# why models ported between frameworks are sometimes shifted by one pixel.
#
# `padding` may also be an int $p$: zero padding of $p$ pixels on every side.

# %%
def conv2d(x, kernel, stride=1, padding="valid"):
    """2-D convolution (cross-correlation, no kernel flip) as `keras.layers.Conv2D` computes it.

    x: input of shape (H, W, C_in).
    kernel: shape (f, f, C_in, C_out), Keras' layout.
    stride: int s >= 1, the same along both axes.
    padding: "valid" (no padding), "same" (TensorFlow's rule: output size ceil(n / s), total
        padding P = max((n_out - 1) * s + f - n, 0) per axis, floor(P / 2) at the top/left and
        the rest at the bottom/right), or an int p (p zeros on every side).
    No bias, no activation. Returns a float array of shape (H_out, W_out, C_out).
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    f = kernel.shape[0]
    s = int(stride)
    H, W, _ = x.shape

    def same_padding(n):
        n_out = -(-n // s)  # ceil(n / s)
        total = max((n_out - 1) * s + f - n, 0)
        return total // 2, total - total // 2

    if padding == "valid":
        rows = cols = (0, 0)
    elif padding == "same":
        rows, cols = same_padding(H), same_padding(W)
    else:
        rows = cols = (int(padding), int(padding))
    xp = np.pad(x, [rows, cols, (0, 0)])

    H_out = (xp.shape[0] - f) // s + 1
    W_out = (xp.shape[1] - f) // s + 1
    out = np.zeros((H_out, W_out, kernel.shape[3]))
    for i in range(H_out):
        for j in range(W_out):
            window = xp[i * s:i * s + f, j * s:j * s + f, :]
            out[i, j, :] = np.tensordot(window, kernel, axes=3)
    return out
    ### END SOLUTION


# %% [markdown]
# Let us compare with Keras itself: a `Conv2D` layer without bias, whose kernel we set to ours.
# Keras works on batches, so the image gets a batch axis of size 1 (and Keras computes in
# float32, hence the tiny differences).

# %%
rng = np.random.default_rng(0)
x_demo = rng.standard_normal((7, 9, 3))
k_demo = rng.standard_normal((3, 3, 3, 4))
for stride, padding in [(1, "valid"), (2, "valid"), (1, "same"), (2, "same")]:
    layer = keras.layers.Conv2D(4, 3, strides=stride, padding=padding, use_bias=False)
    layer.build((None, 7, 9, 3))
    layer.set_weights([k_demo.astype("float32")])
    ours = conv2d(x_demo, k_demo, stride=stride, padding=padding)
    theirs = np.asarray(layer(x_demo[None].astype("float32")))[0]
    print(f"stride {stride}, {padding:5s}: output {ours.shape}, "
          f"max |ours - keras| = {np.abs(ours - theirs).max():.2e}")

# %%
check("conv")

# %%
check("conv_same")

# %% [markdown]
# ## 6. Detecting edges
#
# An **edge** is a place where the brightness changes quickly. Take a 6x6 image whose left half
# is dark (0) and right half bright (10): a dark-to-bright vertical edge. A filter whose left
# column is $-1$, middle column $0$ and right column $+1$ computes, at every position,
# "brightness on the right minus brightness on the left":
#
# $$K = \begin{pmatrix}-1 & 0 & 1\\ -1 & 0 & 1\\ -1 & 0 & 1\end{pmatrix}$$
#
# * in a flat region (all 0 or all 10) the $-1$s and $+1$s cancel: output $0$;
# * on the edge, the right column sees 10s and the left column 0s: output $3 \cdot 10 = 30$;
# * on a bright-to-dark edge the output is $-30$: the sign tells the direction.
#
# Each row of $K$ sums to 0, so a *horizontal* edge (a change from top to bottom) gives 0
# as well. Variants weight the middle row more: Sobel $(1, 2, 1)$, Scharr $(3, 10, 3)$.
# (Many texts show the mirror image $(1, 0, -1)$, which responds positively to bright-to-dark
# edges; remember that we do not flip kernels.)

# %%
def vertical_edge_kernel():
    """A (3, 3) float kernel that responds positively to a dark-to-bright vertical edge.

    With the cross-correlation of `conv2d`: 0 on flat regions and on horizontal edges,
    > 0 where the image gets brighter from left to right, < 0 where it gets darker.
    """
    ### BEGIN SOLUTION
    return np.array([[-1.0, 0.0, 1.0],
                     [-1.0, 0.0, 1.0],
                     [-1.0, 0.0, 1.0]])
    ### END SOLUTION


# %%
check("edge")

# %% [markdown]
# The classic example, as images. Our `conv2d` wants channel axes, so the 6x6 image becomes
# (6, 6, 1) and the kernel (3, 3, 1, 1).

# %%
def show_values(ax, img, title, annotate=True, signed=False):
    """Draw a small 2-D array as an image, optionally with its values written in each cell.

    signed=True uses a blue (negative) / white (zero) / red (positive) colour map.
    """
    lim = max(np.abs(img).max(), 1e-12)
    if signed:
        ax.imshow(img, cmap="coolwarm", vmin=-lim, vmax=lim, interpolation="nearest")
    else:
        ax.imshow(img, cmap="gray", interpolation="nearest")
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    if annotate:
        lo, hi = img.min(), img.max()
        for (i, j), v in np.ndenumerate(img):
            if signed:
                white = abs(v) > 0.7 * lim
            else:
                white = hi > lo and (v - lo) / (hi - lo) < 0.5
            ax.text(j, i, f"{v:g}", ha="center", va="center", fontsize=9,
                    color="white" if white else "black")


edge_image = np.zeros((6, 6))
edge_image[:, 3:] = 10.0
edge_k = vertical_edge_kernel()
feature = conv2d(edge_image[:, :, None], edge_k[:, :, None, None])[:, :, 0]

fig, axes = plt.subplots(1, 3, figsize=(11, 3.8), gridspec_kw={"width_ratios": [6, 3, 4]})
show_values(axes[0], edge_image, "input 6x6: dark | bright")
show_values(axes[1], edge_k, "kernel 3x3", signed=True)
show_values(axes[2], feature, "feature map 4x4", signed=True)
plt.tight_layout()
plt.show()

# %% [markdown]
# The feature map lights up (30) in the two middle columns, where the window straddles the edge,
# and is 0 elsewhere. The detected edge looks 2 pixels thick because the image is tiny; on a
# 1000x1000 image it would be a thin line.
#
# ### Feature maps of a handwritten digit
#
# Now a real (if small, 8x8) image from scikit-learn's digits, through four hand-made kernels
# with `padding="same"`: our vertical edge detector, its transpose (a horizontal edge detector:
# bright below, dark above), a 3x3 blur (all weights $1/9$), and a Laplacian that responds to
# spots and thin strokes. Red is positive, blue negative.

# %%
digits = load_digits()
digit = digits.images[0] / 16.0  # a "0", values in [0, 1]
kernels = {
    "vertical edge": vertical_edge_kernel(),
    "horizontal edge": vertical_edge_kernel().T,
    "blur": np.full((3, 3), 1 / 9),
    "Laplacian": np.array([[0.0, -1.0, 0.0], [-1.0, 4.0, -1.0], [0.0, -1.0, 0.0]]),
}
bank = np.stack(list(kernels.values()), axis=-1)[:, :, None, :]  # (3, 3, 1, 4): one layer, 4 filters
maps = conv2d(digit[:, :, None], bank, padding="same")            # (8, 8, 4)

fig, axes = plt.subplots(1, 5, figsize=(15, 3.4))
show_values(axes[0], digit, f"digit ({digits.target[0]})", annotate=False)
for c, (ax, name) in enumerate(zip(axes[1:], kernels)):
    m = maps[:, :, c]
    lim = np.abs(m).max()
    ax.imshow(m, cmap="coolwarm" if name != "blur" else "gray", vmin=-lim if name != "blur" else 0,
              vmax=lim, interpolation="nearest")
    ax.set_title(name)
    ax.set_xticks([])
    ax.set_yticks([])
plt.tight_layout()
plt.show()

# %% [markdown]
# The vertical edge map is red on the left side of each stroke of the "0" (dark to bright going
# right) and blue on the right side of each stroke (bright to dark). The horizontal map does the
# same from top to bottom. A trained CNN learns dozens of such filters in its first layer, and
# many of them look like these.
#
# ## 7. Pooling
#
# A pooling layer summarises each window of a feature map by one number, **separately for each
# channel**, and has no weights at all:
#
# $$\text{max pool: } Y[i, j, c] = \max_{0 \le u, v < f} X[is + u,\ js + v,\ c], \qquad
#   \text{avg pool: } Y[i, j, c] = \frac{1}{f^2}\sum_{u, v} X[is + u,\ js + v,\ c].$$
#
# The usual choice is $f = s = 2$: non-overlapping 2x2 windows, which halves the height and the
# width. The output size follows the same formula as before with $p = 0$ ("valid"), so an odd
# last row or column is dropped. Max pooling keeps "was the feature present somewhere in this
# window?" and forgets exactly where, which makes the network a little insensitive to small
# shifts.

# %%
def max_pool2d(x, size=2, stride=2):
    """Max pooling of x (H, W, C) with size x size windows and the given stride, valid (no padding).

    Each channel is pooled separately. Returns shape (H_out, W_out, C) with
    H_out = floor((H - size) / stride) + 1 (and the same for W).
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    H, W, C = x.shape
    H_out = (H - size) // stride + 1
    W_out = (W - size) // stride + 1
    out = np.empty((H_out, W_out, C))
    for i in range(H_out):
        for j in range(W_out):
            out[i, j] = x[i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(0, 1))
    return out
    ### END SOLUTION


def avg_pool2d(x, size=2, stride=2):
    """Average pooling of x (H, W, C) with size x size windows and the given stride, valid.

    Each channel is pooled separately. Returns shape (H_out, W_out, C), sizes as in max_pool2d.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    H, W, C = x.shape
    H_out = (H - size) // stride + 1
    W_out = (W - size) // stride + 1
    out = np.empty((H_out, W_out, C))
    for i in range(H_out):
        for j in range(W_out):
            out[i, j] = x[i * stride:i * stride + size, j * stride:j * stride + size].mean(axis=(0, 1))
    return out
    ### END SOLUTION


# %%
check("pool")

# %% [markdown]
# A pooling illustration on a 4x4 map: each coloured 2x2 block becomes one number.

# %%
fmap = np.array([[1.0, 3.0, 2.0, 0.0],
                 [4.0, 6.0, 1.0, 1.0],
                 [0.0, 2.0, 9.0, 5.0],
                 [1.0, 1.0, 3.0, 7.0]])
pooled_max = max_pool2d(fmap[:, :, None])[:, :, 0]
pooled_avg = avg_pool2d(fmap[:, :, None])[:, :, 0]
blocks = np.kron(np.arange(4).reshape(2, 2), np.ones((2, 2)))

fig, axes = plt.subplots(1, 3, figsize=(11, 3.8), gridspec_kw={"width_ratios": [4, 2, 2]})
axes[0].imshow(blocks, cmap="Pastel1", vmin=0, vmax=8)
for (i, j), v in np.ndenumerate(fmap):
    axes[0].text(j, i, f"{v:g}", ha="center", va="center", fontsize=12)
axes[0].set_title("feature map 4x4, 2x2 windows")
for ax, pooled, name in [(axes[1], pooled_max, "max pool"), (axes[2], pooled_avg, "avg pool")]:
    ax.imshow(np.arange(4).reshape(2, 2), cmap="Pastel1", vmin=0, vmax=8)
    for (i, j), v in np.ndenumerate(pooled):
        ax.text(j, i, f"{v:g}", ha="center", va="center", fontsize=12)
    ax.set_title(f"{name} -> 2x2")
for ax in axes:
    ax.set_xticks([])
    ax.set_yticks([])
plt.tight_layout()
plt.show()

# %% [markdown]
# And on the digit's vertical-edge feature map (positive part only, as after a ReLU): pooling
# halves the resolution but keeps where the strong responses are.

# %%
relu_map = np.maximum(maps[:, :, :1], 0.0)  # (8, 8, 1)
fig, axes = plt.subplots(1, 3, figsize=(10, 3.8))
for ax, img, title in [(axes[0], relu_map, "ReLU(vertical edge) 8x8"),
                       (axes[1], max_pool2d(relu_map), "max pool -> 4x4"),
                       (axes[2], avg_pool2d(relu_map), "avg pool -> 4x4")]:
    ax.imshow(img[:, :, 0], cmap="magma", vmin=0, vmax=relu_map.max(), interpolation="nearest")
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 8. Counting parameters
#
# A `Conv2D` layer with $C_\text{out}$ filters of size $f \times f$ on $C_\text{in}$ input
# channels has one weight per entry of its kernel and (optionally) one bias per filter:
#
# $$\boxed{\#\text{params} = f \cdot f \cdot C_\text{in} \cdot C_\text{out} + C_\text{out}
#   = (f^2 C_\text{in} + 1)\, C_\text{out}}$$
#
# It does not depend on the image size. Ten 3x3 filters on an RGB image: $(9 \cdot 3 + 1)
# \cdot 10 = 280$ parameters, on a 32x32 image or a 1000x1000 one. A Dense layer mapping a
# flattened 32x32x3 image to an output of the same size as that conv layer's (32x32x10 with
# "same" padding) would need $3072 \cdot 10240 + 10240 \approx 31$ million. Pooling layers
# have no parameters.

# %%
def conv_params(f, c_in, c_out, bias=True):
    """Number of trainable parameters of a Conv2D layer with c_out filters of size f x f on
    c_in input channels, with (bias=True) or without a bias per filter. Returns an int."""
    ### BEGIN SOLUTION
    return int(f) * int(f) * int(c_in) * int(c_out) + (int(c_out) if bias else 0)
    ### END SOLUTION


# %%
layer = keras.layers.Conv2D(10, 3)
layer.build((None, 32, 32, 3))
print(conv_params(3, 3, 10), "parameters; Keras says", layer.count_params())

# %%
check("params")

# %% [markdown]
# ## Check yourself
#
# 1. A 28x28 image goes through a 5x5 convolution with stride 1 and no padding, then 2x2 max
#    pooling with stride 2, then another 5x5 convolution and 2x2 pooling. What is the final
#    height and width?
# 2. For $n = 6$, $f = 2$, $s = 1$ and `padding="same"`, which row of the output is the only one
#    whose window touches padding? What changes if the extra padding went to the top?
# 3. You copy a Sobel kernel from a signal-processing book (which defines convolution with a
#    flip) into a Keras `Conv2D` layer. What will the layer detect instead?
# 4. How many parameters does a `Conv2D(64, 3)` layer have on top of a layer with 32 channels?
#    How many does a `MaxPooling2D` layer have?
#
# ## Summary
#
# * Output size: $\lfloor (n + 2p - f)/s \rfloor + 1$; "same" aims for $\lceil n/s \rceil$, with
#   the odd extra pixel of padding at the bottom/right in TensorFlow.
# * Keras' convolution is a cross-correlation:
#   $Y[i,j,k] = \sum_{u,v,c} X[is+u, js+v, c]\,K[u,v,c,k]$, no kernel flip.
# * A hand-made kernel with columns $(-1, 0, 1)$ finds dark-to-bright vertical edges; the sign of
#   the response gives the direction of the edge.
# * Max and average pooling summarise windows channel by channel and have no parameters.
# * A conv layer has $(f^2 C_\text{in} + 1) C_\text{out}$ parameters, whatever the image size.

# %% [markdown]
# ## Submit
#
# `check_all()` runs every question's public tests once more. `export()` then writes the file to
# upload, named after the lab, from the cells you ran (what `check` judged), and says where it
# is; in Colab your browser downloads it too. Upload that file to your course's submission page.

# %%
check_all()
export()
