"""Public tests for lab 08 (convolution and pooling by hand).

Run them from the notebook with `check("QUESTION_ID")`. They check shapes and a few values
you can work out by hand; the hidden tests compare your functions with Keras' own layers on
many more shapes, strides and paddings.
"""

import numpy as np

from autograder.testing import lab_helpers, question

lab = lab_helpers(__file__)


# ---------------------------------------------------------------- output_size


@question("output_size")
def test_output_size_valid(submission):
    """conv_output_size without padding is n - f + 1."""
    got = submission.conv_output_size(6, 3)
    assert got == 4, (
        f"conv_output_size(6, 3): expected 6 - 3 + 1 = 4, got {got!r}. "
        "Hint: floor((n + 2p - f) / s) + 1 with p=0, s=1."
    )


@question("output_size")
def test_output_size_padding_and_stride(submission):
    """conv_output_size is floor((n + 2p - f) / s) + 1."""
    cases = [((32, 5, 2, 1), 32), ((7, 3, 0, 2), 3), ((8, 3, 0, 2), 3)]
    for (n, f, p, s), expected in cases:
        got = submission.conv_output_size(n, f, p, s)
        assert got == expected, (
            f"conv_output_size(n={n}, f={f}, p={p}, s={s}): expected {expected}, got {got!r}. "
            "Hint: p is added on both sides (2p), and the division by s is rounded DOWN "
            "(use //) before adding 1."
        )


# ---------------------------------------------------------------- pad


@question("pad")
def test_pad_zero_small(submission):
    """pad with zeros adds p rows and columns of zeros on every side."""
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    got = lab.arr(submission.pad2d(x, 1))
    expected = np.array([[0, 0, 0, 0], [0, 1, 2, 0], [0, 3, 4, 0], [0, 0, 0, 0]], dtype=float)
    assert got.shape == (4, 4), f"pad2d(2x2 image, p=1): expected shape (4, 4), got {got.shape}"
    assert np.array_equal(got, expected), (
        f"pad2d([[1, 2], [3, 4]], 1) (zero is the default mode): expected\n{expected}\ngot\n{got}"
    )


@question("pad")
def test_pad_replicate_small(submission):
    """pad in replicate mode repeats the edge values."""
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    got = lab.arr(submission.pad2d(x, 1, mode="replicate"))
    expected = np.array([[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]], dtype=float)
    assert got.shape == (4, 4) and np.array_equal(got, expected), (
        f"pad2d([[1, 2], [3, 4]], 1, mode='replicate'): expected\n{expected}\ngot\n{got}. "
        "Hint: each new pixel copies the nearest border pixel (np.pad's mode='edge')."
    )


@question("pad")
def test_pad_keeps_channels(submission):
    """pad pads height and width only, never the channels."""
    x = np.ones((3, 4, 2))
    got = lab.arr(submission.pad2d(x, 2))
    assert got.shape == (7, 8, 2), (
        f"pad2d(x of shape (3, 4, 2), p=2): expected shape (7, 8, 2), got {got.shape}. "
        "Hint: pad only the two spatial axes, never the channel axis."
    )


# ---------------------------------------------------------------- conv


@question("conv")
def test_conv_edge_example(submission):
    """conv2d on a small image with an edge kernel gives the worked example's values."""
    x = np.zeros((6, 6, 1))
    x[:, :3, 0] = 10.0  # bright left half, dark right half
    kernel = np.array([[1.0, 0.0, -1.0]] * 3).reshape(3, 3, 1, 1)
    got = lab.arr(submission.conv2d(x, kernel))
    expected = np.tile([0.0, 30.0, 30.0, 0.0], (4, 1)).reshape(4, 4, 1)
    assert got.shape == (4, 4, 1), (
        f"conv2d of a (6, 6, 1) image with a (3, 3, 1, 1) kernel: expected shape (4, 4, 1), "
        f"got {got.shape}. Hint: (H_out, W_out, C_out) with H_out = 6 - 3 + 1."
    )
    assert np.allclose(got, expected), (
        f"the 6x6 edge example: expected every row to be [0, 30, 30, 0], got\n{got[:, :, 0]}. "
        "Hint: multiply each 3x3 window by the kernel element-wise and sum; do NOT flip the "
        "kernel (Keras computes a cross-correlation)."
    )


@question("conv")
def test_conv_channels_and_stride_shape(submission):
    """conv2d sums over input channels and honours the stride in its output shape."""
    x = np.ones((7, 9, 3))
    kernel = np.ones((3, 3, 3, 5))
    got = lab.arr(submission.conv2d(x, kernel, stride=2))
    assert got.shape == (3, 4, 5), (
        f"conv2d(x (7, 9, 3), kernel (3, 3, 3, 5), stride=2): expected shape (3, 4, 5), "
        f"got {got.shape}. Hint: H_out = floor((7 - 3) / 2) + 1, W_out = floor((9 - 3) / 2) + 1."
    )
    assert np.allclose(got, 27.0), (
        f"all-ones input and kernel: every output sums 3*3*3 = 27 ones, got values "
        f"{np.unique(np.round(got, 4))[:6]}. Hint: sum over the window AND the input channels."
    )


@question("conv")
def test_conv_int_padding_shape(submission):
    """conv2d with an integer padding pads p on every side."""
    x = np.ones((5, 5, 1))
    kernel = np.ones((3, 3, 1, 1))
    got = lab.arr(submission.conv2d(x, kernel, padding=1))
    assert got.shape == (5, 5, 1), (
        f"conv2d(x (5, 5, 1), 3x3 kernel, padding=1): expected shape (5, 5, 1), got {got.shape}"
    )
    assert got[0, 0, 0] == 4.0 and got[2, 2, 0] == 9.0, (
        f"with zero padding the corner window sees 4 ones and the centre 9; got corner "
        f"{got[0, 0, 0]}, centre {got[2, 2, 0]}"
    )


# ---------------------------------------------------------------- conv_same


@question("conv_same")
def test_conv_same_odd_kernel(submission):
    """conv2d with padding 'same' keeps the size for an odd kernel."""
    x = np.ones((5, 5, 1))
    got = lab.arr(submission.conv2d(x, np.ones((3, 3, 1, 1)), padding="same"))
    assert got.shape == (5, 5, 1), (
        f"padding='same' with stride 1 keeps the size: expected (5, 5, 1), got {got.shape}"
    )


@question("conv_same")
def test_conv_same_extra_padding_bottom_right(submission):
    """padding 'same' puts the extra row and column at the bottom and right, as TensorFlow does."""
    x = np.ones((6, 6, 1))
    got = lab.arr(submission.conv2d(x, np.ones((2, 2, 1, 1)), padding="same"))
    assert got.shape == (6, 6, 1), (
        f"n=6, f=2, s=1, padding='same': expected shape (6, 6, 1), got {got.shape}. "
        "Hint: the total padding is P = (6 - 1) * 1 + 2 - 6 = 1 here."
    )
    g = got[:, :, 0]
    assert g[0, 0] == 4.0 and g[-1, -1] == 1.0 and g[-1, 0] == 2.0, (
        "n=6, f=2: the single row/column of padding must go at the BOTTOM and RIGHT "
        "(TensorFlow's rule), so the first output row is all 4s and the last row is 2s "
        f"(1 in the corner). Got first row {g[0]} and last row {g[-1]}."
    )


# ---------------------------------------------------------------- pool

_FMAP = np.array([[1.0, 3.0, 2.0, 0.0],
                  [4.0, 6.0, 1.0, 1.0],
                  [0.0, 2.0, 9.0, 5.0],
                  [1.0, 1.0, 3.0, 7.0]])[:, :, None]


@question("pool")
def test_max_pool_small(submission):
    """max_pool takes the maximum of each window."""
    got = lab.arr(submission.max_pool2d(_FMAP))
    expected = np.array([[6.0, 2.0], [2.0, 9.0]])[:, :, None]
    assert got.shape == (2, 2, 1), (
        f"max_pool2d of a (4, 4, 1) map (size=2, stride=2): expected shape (2, 2, 1), "
        f"got {got.shape}. Hint: the windows do not overlap when stride = size."
    )
    assert np.allclose(got, expected), (
        f"expected {expected[:, :, 0].tolist()}, got {got[:, :, 0].tolist()}"
    )


@question("pool")
def test_avg_pool_small(submission):
    """avg_pool takes the mean of each window."""
    got = lab.arr(submission.avg_pool2d(_FMAP))
    expected = np.array([[3.5, 1.0], [1.0, 6.0]])[:, :, None]
    assert got.shape == (2, 2, 1) and np.allclose(got, expected), (
        f"avg_pool2d of the same map: expected {expected[:, :, 0].tolist()}, "
        f"got {got[:, :, 0].tolist() if got.shape == (2, 2, 1) else got.shape}"
    )


# ---------------------------------------------------------------- edge


@question("edge")
def test_edge_kernel_shape_and_response(submission):
    """vertical_edge_kernel is 3x3 and responds to vertical edges only."""
    k = lab.arr(submission.vertical_edge_kernel())
    assert k.shape == (3, 3), f"expected a (3, 3) kernel, got shape {k.shape}"
    image = np.zeros((5, 6))
    image[:, 3:] = 1.0  # dark left half, bright right half
    responses = np.array([np.sum(image[0:3, j:j + 3] * k) for j in range(4)])
    assert responses.max() > 0 and responses.min() > -1e-9, (
        f"sliding the kernel along a dark-to-bright vertical edge gives the responses "
        f"{np.round(responses, 4).tolist()}: expected none negative and some > 0. "
        "Hint: negative weights on the left, positive on the right (no flip)."
    )
    flat = float(np.sum(np.ones((3, 3)) * k))
    assert abs(flat) < 1e-9, (
        f"on a flat region the response must be 0 (the weights must sum to 0), got {flat:g}"
    )


# ---------------------------------------------------------------- params


@question("params")
def test_conv_params_examples(submission):
    """conv_params counts kh * kw * c_in * c_out weights, plus c_out biases unless bias=False."""
    got = submission.conv_params(3, 3, 64)
    assert got == 3 * 3 * 3 * 64 + 64, (
        f"conv_params(3, 3, 64): expected 3*3*3*64 + 64 = 1792, got {got!r}. "
        "Hint: f*f*c_in weights per filter, c_out filters, one bias per filter."
    )
    got = submission.conv_params(3, 3, 64, bias=False)
    assert got == 1728, f"conv_params(3, 3, 64, bias=False): expected 1728, got {got!r}"
