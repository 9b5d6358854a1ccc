"""Hidden tests for lab 08 (convolution and pooling by hand).

References are independent of any solution: the closed form for output sizes (and Keras'
own shape inference), np.pad for padding, keras.layers.Conv2D (use_bias=False, kernel set
with set_weights, a batch axis added) for convolutions, ZeroPadding2D for int padding,
MaxPooling2D / AveragePooling2D for pooling, our own sliding-window sums for the edge
kernel, and Conv2D.count_params() for parameter counts. No test calls a graded function
other than the one of its question.
"""

import numpy as np
import pytest

from autograder.testing import lab_helpers, question

lab = lab_helpers(__file__)


def _f32(a):
    """Round to float32 and back, so Keras (float32) sees exactly the values we send."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def _keras_conv(x, kernel, stride=1, padding="valid"):
    """Keras' Conv2D (no bias) on one image: padding 'valid', 'same' or an int."""
    import keras

    f, _, _, c_out = kernel.shape
    batch = np.asarray(x, dtype=np.float32)[None]
    if not isinstance(padding, str):
        if padding > 0:
            batch = np.asarray(keras.layers.ZeroPadding2D(int(padding))(batch))
        padding = "valid"
    layer = keras.layers.Conv2D(c_out, f, strides=stride, padding=padding, use_bias=False)
    layer.build(batch.shape)
    layer.set_weights([np.asarray(kernel, dtype=np.float32)])
    return np.asarray(layer(batch))[0].astype(np.float64)


def _keras_pool(kind, x, size, stride):
    import keras

    cls = keras.layers.MaxPooling2D if kind == "max" else keras.layers.AveragePooling2D
    layer = cls(pool_size=size, strides=stride, padding="valid")
    return np.asarray(layer(np.asarray(x, dtype=np.float32)[None]))[0].astype(np.float64)


def _rng(*key):
    return np.random.default_rng(list(key))


# ================================================================ output_size

_SIZE_CASES = [
    (6, 3, 0, 1), (7, 3, 0, 2), (8, 3, 0, 2), (32, 5, 2, 1), (28, 5, 0, 1), (10, 4, 1, 3),
    (11, 2, 0, 2), (9, 3, 1, 2), (227, 11, 0, 4), (5, 5, 0, 1), (13, 4, 2, 4), (64, 7, 3, 2),
]


@question("output_size")
@pytest.mark.parametrize("n, f, p, s", _SIZE_CASES)
def test_output_size_closed_form(submission, n, f, p, s):
    """conv_output_size is floor((n + 2p - f) / s) + 1, also when s does not divide evenly."""
    expected = (n + 2 * p - f) // s + 1
    got = submission.conv_output_size(n, f, p, s)
    assert got == expected, (n, f, p, s, got, expected)


@question("output_size")
def test_output_size_defaults(submission):
    """conv_output_size uses p=0 and s=1 by default, and accepts keyword arguments."""
    assert submission.conv_output_size(10, 3) == 8
    assert submission.conv_output_size(10, 3, s=2) == 4
    assert submission.conv_output_size(10, 3, p=1) == 10
    assert submission.conv_output_size(n=9, f=2, p=0, s=3) == 3


@question("output_size")
def test_output_size_is_integer(submission):
    """conv_output_size returns a whole number (an int), not a fraction."""
    got = submission.conv_output_size(9, 2, 0, 2)
    assert isinstance(got, (int, np.integer)) or float(got).is_integer(), got
    assert got == 4


@question("output_size")
def test_output_size_matches_keras(submission):
    """conv_output_size agrees with the shapes Keras' Conv2D and MaxPooling2D produce."""
    import keras

    for n, f, p, s in [(12, 3, 1, 2), (15, 4, 0, 3), (20, 5, 2, 2), (7, 2, 0, 1)]:
        conv = keras.layers.Conv2D(1, f, strides=s)
        shape = conv.compute_output_shape((None, n + 2 * p, n + 2 * p, 1))
        assert submission.conv_output_size(n, f, p, s) == shape[1], (n, f, p, s, shape)
    for n, size, stride in [(7, 2, 2), (9, 3, 2), (10, 3, 3)]:
        pool = keras.layers.MaxPooling2D(size, stride)
        shape = pool.compute_output_shape((None, n, n, 1))
        assert submission.conv_output_size(n, size, 0, stride) == shape[1], (n, size, stride)


# ================================================================ pad


@question("pad")
@pytest.mark.parametrize("shape, p", [((4, 5), 1), ((3, 3), 2), ((2, 6), 3), ((5, 4), 0)])
def test_pad_zero_2d(submission, shape, p):
    """Zero padding of an (H, W) image matches np.pad with zeros on every side."""
    x = _rng(1, p).standard_normal(shape)
    got = lab.arr(submission.pad2d(x, p, mode="zero"))
    expected = np.pad(x, p, mode="constant")
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=0)


@question("pad")
@pytest.mark.parametrize("shape, p", [((4, 5, 3), 1), ((3, 2, 1), 2), ((2, 3, 4), 3)])
def test_pad_zero_3d(submission, shape, p):
    """Zero padding of an (H, W, C) image pads H and W only, never the channels."""
    x = _rng(2, p).standard_normal(shape)
    got = lab.arr(submission.pad2d(x, p, mode="zero"))
    expected = np.pad(x, ((p, p), (p, p), (0, 0)), mode="constant")
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=0)


@question("pad")
@pytest.mark.parametrize("shape, p", [((4, 5), 1), ((3, 3), 2), ((2, 6), 3), ((1, 1), 2)])
def test_pad_replicate_2d(submission, shape, p):
    """Replicate padding of an (H, W) image copies the nearest border pixel (np.pad 'edge')."""
    x = _rng(3, p).standard_normal(shape)
    got = lab.arr(submission.pad2d(x, p, mode="replicate"))
    expected = np.pad(x, p, mode="edge")
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=0)


@question("pad")
@pytest.mark.parametrize("shape, p", [((4, 5, 3), 1), ((3, 2, 2), 2)])
def test_pad_replicate_3d(submission, shape, p):
    """Replicate padding of an (H, W, C) image works channel by channel."""
    x = _rng(4, p).standard_normal(shape)
    got = lab.arr(submission.pad2d(x, p, mode="replicate"))
    expected = np.pad(x, ((p, p), (p, p), (0, 0)), mode="edge")
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=0)


@question("pad")
def test_pad_replicate_wider_than_image(submission):
    """Replicate padding works when p is larger than the image itself."""
    x = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    got = lab.arr(submission.pad2d(x, 4, mode="replicate"))
    np.testing.assert_array_equal(got, np.pad(x, 4, mode="edge"))


@question("pad")
def test_pad_default_mode_is_zero(submission):
    """pad2d pads with zeros when no mode is given; p=0 leaves the image unchanged."""
    x = _rng(5).standard_normal((3, 4, 2)) + 5.0
    got = lab.arr(submission.pad2d(x, 1))
    np.testing.assert_array_equal(got, np.pad(x, ((1, 1), (1, 1), (0, 0))))
    np.testing.assert_array_equal(lab.arr(submission.pad2d(x, 0)), x)
    np.testing.assert_array_equal(lab.arr(submission.pad2d(x, 0, mode="replicate")), x)


# ================================================================ conv (valid, stride, int padding)


@question("conv")
def test_conv_single_channel_exact(submission):
    """One channel, one filter, valid: matches Keras' Conv2D exactly on small integers."""
    rng = _rng(10)
    x = rng.integers(-3, 4, size=(7, 6, 1)).astype(float)
    kernel = rng.integers(-2, 3, size=(3, 3, 1, 1)).astype(float)
    got = lab.arr(submission.conv2d(x, kernel))
    expected = _keras_conv(x, kernel)
    assert got.shape == expected.shape == (5, 4, 1)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)


@question("conv")
def test_conv_is_cross_correlation(submission):
    """conv2d does not flip the kernel: it is a cross-correlation, like Keras."""
    x = np.zeros((5, 5, 1))
    x[2, 2, 0] = 1.0  # an impulse: its cross-correlation is the kernel rotated by 180 degrees
    kernel = np.arange(1.0, 10.0).reshape(3, 3, 1, 1)
    got = lab.arr(submission.conv2d(x, kernel))
    np.testing.assert_allclose(got, _keras_conv(x, kernel), rtol=0, atol=1e-9)
    y = _rng(11).integers(-3, 4, size=(6, 6, 1)).astype(float)
    kernel = np.array([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [0.0, 1.0, 3.0]]).reshape(3, 3, 1, 1)
    np.testing.assert_allclose(lab.arr(submission.conv2d(y, kernel)), _keras_conv(y, kernel),
                               rtol=0, atol=1e-9)


_VALID_CASES = [
    # (H, W, C_in), f, C_out, stride
    ((8, 8, 3), 3, 4, 1),
    ((9, 7, 2), 2, 3, 2),
    ((10, 11, 3), 3, 2, 3),
    ((6, 6, 4), 1, 2, 1),
    ((5, 5, 2), 5, 2, 1),
    ((8, 9, 1), 4, 3, 2),
    ((7, 10, 2), 3, 5, 2),
]


@question("conv")
@pytest.mark.parametrize("shape, f, c_out, stride", _VALID_CASES)
def test_conv_valid_matches_keras(submission, shape, f, c_out, stride):
    """Multi-channel, multi-filter, strided 'valid' convolution matches Keras' Conv2D."""
    rng = _rng(12, f, stride, c_out)
    x = _f32(rng.standard_normal(shape))
    kernel = _f32(rng.standard_normal((f, f, shape[2], c_out)))
    got = lab.arr(submission.conv2d(x, kernel, stride=stride, padding="valid"))
    expected = _keras_conv(x, kernel, stride, "valid")
    assert got.shape == expected.shape, (got.shape, expected.shape)
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-4)


@question("conv")
def test_conv_default_arguments(submission):
    """conv2d uses stride=1 and padding='valid' by default."""
    rng = _rng(13)
    x = _f32(rng.standard_normal((6, 7, 2)))
    kernel = _f32(rng.standard_normal((3, 3, 2, 2)))
    got = lab.arr(submission.conv2d(x, kernel))
    np.testing.assert_allclose(got, _keras_conv(x, kernel), rtol=1e-4, atol=1e-4)


_INT_PAD_CASES = [
    ((5, 6, 1), 3, 1, 1, 1),
    ((6, 6, 2), 5, 2, 1, 3),
    ((7, 8, 2), 3, 1, 2, 2),
    ((8, 7, 3), 3, 2, 3, 2),
    ((4, 5, 1), 2, 1, 1, 2),
]


@question("conv")
@pytest.mark.parametrize("shape, f, p, stride, c_out", _INT_PAD_CASES)
def test_conv_int_padding_matches_keras(submission, shape, f, p, stride, c_out):
    """An int padding p adds p zeros on every side (Keras: ZeroPadding2D(p) then Conv2D)."""
    rng = _rng(14, f, p, stride)
    x = _f32(rng.standard_normal(shape) + 1.0)  # non-zero mean: zero padding shows at borders
    kernel = _f32(rng.standard_normal((f, f, shape[2], c_out)))
    got = lab.arr(submission.conv2d(x, kernel, stride=stride, padding=p))
    expected = _keras_conv(x, kernel, stride, p)
    assert got.shape == expected.shape, (got.shape, expected.shape)
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-4)


@question("conv")
def test_conv_padding_zero_is_valid(submission):
    """padding=0 gives the same result as padding='valid'."""
    rng = _rng(15)
    x = rng.integers(-3, 4, size=(6, 5, 2)).astype(float)
    kernel = rng.integers(-2, 3, size=(2, 2, 2, 3)).astype(float)
    a = lab.arr(submission.conv2d(x, kernel, stride=2, padding=0))
    b = lab.arr(submission.conv2d(x, kernel, stride=2, padding="valid"))
    assert a.shape == b.shape == (3, 2, 3)
    np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)


@question("conv")
def test_conv_output_shape_floors(submission):
    """Strides that do not divide evenly drop the last rows/columns: floor((n - f) / s) + 1."""
    for shape, f, s in [((8, 8, 1), 3, 2), ((9, 10, 2), 2, 3), ((7, 5, 1), 4, 2)]:
        x = np.ones(shape)
        kernel = np.ones((f, f, shape[2], 2))
        got = lab.arr(submission.conv2d(x, kernel, stride=s))
        expected = ((shape[0] - f) // s + 1, (shape[1] - f) // s + 1, 2)
        assert got.shape == expected, (shape, f, s, got.shape)
        np.testing.assert_allclose(got, f * f * shape[2])


@question("conv")
def test_conv_one_by_one_mixes_channels(submission):
    """A 1x1 convolution multiplies every pixel's channel vector by the (C_in, C_out) matrix."""
    rng = _rng(16)
    x = rng.standard_normal((4, 5, 3))
    kernel = rng.standard_normal((1, 1, 3, 2))
    got = lab.arr(submission.conv2d(x, kernel))
    np.testing.assert_allclose(got, x @ kernel[0, 0], rtol=1e-9, atol=1e-9)


@question("conv")
def test_conv_keeps_single_output_channel_and_input(submission):
    """conv2d keeps the C_out axis when C_out = 1 and does not modify its inputs."""
    rng = _rng(17)
    x = rng.standard_normal((5, 5, 2))
    kernel = rng.standard_normal((3, 3, 2, 1))
    x_copy, k_copy = x.copy(), kernel.copy()
    got = lab.arr(submission.conv2d(x, kernel, stride=1, padding=1))
    assert got.shape == (5, 5, 1)
    np.testing.assert_array_equal(x, x_copy)
    np.testing.assert_array_equal(kernel, k_copy)


# ================================================================ conv_same

_SAME_CASES = [
    # (H, W, C_in), f, stride, C_out   -- comments: total padding along H, W
    ((6, 6, 2), 2, 1, 3),   # 1, 1  (odd: extra at bottom/right)
    ((6, 7, 1), 2, 1, 2),   # 1, 1
    ((5, 5, 2), 4, 1, 2),   # 3, 3
    ((5, 5, 2), 3, 1, 3),   # 2, 2
    ((6, 6, 2), 3, 2, 2),   # 1, 1
    ((7, 7, 1), 3, 2, 3),   # 2, 2
    ((8, 8, 2), 3, 2, 2),   # 1, 1
    ((7, 9, 2), 4, 3, 2),   # 3, 1
    ((5, 6, 1), 5, 1, 2),   # 4, 4
    ((9, 8, 2), 1, 2, 2),   # 0, 0
    ((6, 5, 3), 2, 2, 2),   # 0, 1
]


@question("conv_same")
@pytest.mark.parametrize("shape, f, stride, c_out", _SAME_CASES)
def test_conv_same_matches_keras(submission, shape, f, stride, c_out):
    """padding='same' matches Keras' Conv2D, including odd total padding (extra at bottom/right)."""
    rng = _rng(20, shape[0], shape[1], f, stride)
    x = _f32(rng.standard_normal(shape) + 1.0)
    kernel = _f32(rng.standard_normal((f, f, shape[2], c_out)))
    got = lab.arr(submission.conv2d(x, kernel, stride=stride, padding="same"))
    expected = _keras_conv(x, kernel, stride, "same")
    assert got.shape == expected.shape, (got.shape, expected.shape)
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-4)


@question("conv_same")
def test_conv_same_output_size_is_ceil(submission):
    """padding='same' gives an output of size ceil(n / s) along each axis."""
    for shape, f, s in [((7, 8, 1), 3, 2), ((10, 9, 1), 4, 3), ((5, 5, 1), 2, 1), ((6, 11, 1), 5, 4)]:
        got = lab.arr(submission.conv2d(np.ones(shape), np.ones((f, f, 1, 1)), stride=s, padding="same"))
        expected = (-(-shape[0] // s), -(-shape[1] // s), 1)
        assert got.shape == expected, (shape, f, s, got.shape)


@question("conv_same")
def test_conv_same_even_kernel_exact(submission):
    """n=6, f=2, s=1 'same': the single padding row/column goes at the bottom/right (exact values)."""
    rng = _rng(21)
    x = rng.integers(1, 5, size=(6, 6, 1)).astype(float)
    kernel = rng.integers(1, 4, size=(2, 2, 1, 1)).astype(float)
    got = lab.arr(submission.conv2d(x, kernel, padding="same"))
    expected = _keras_conv(x, kernel, 1, "same")
    assert got.shape == (6, 6, 1)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)


# ================================================================ pool


def _pool_input(key, shape):
    return _f32(_rng(30, *key).standard_normal(shape))


@question("pool")
def test_max_pool_default(submission):
    """max_pool2d with the default 2x2 windows and stride 2 matches Keras' MaxPooling2D."""
    x = _pool_input((1,), (6, 8, 3))
    got = lab.arr(submission.max_pool2d(x))
    expected = _keras_pool("max", x, 2, 2)
    assert got.shape == expected.shape == (3, 4, 3)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-7)


@question("pool")
def test_avg_pool_default(submission):
    """avg_pool2d with the default 2x2 windows and stride 2 matches Keras' AveragePooling2D."""
    x = _pool_input((2,), (6, 8, 3))
    got = lab.arr(submission.avg_pool2d(x))
    expected = _keras_pool("avg", x, 2, 2)
    assert got.shape == expected.shape == (3, 4, 3)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


_POOL_CASES = [((7, 8, 2), 3, 2), ((5, 6, 2), 2, 1), ((9, 7, 1), 3, 3), ((6, 6, 2), 3, 1),
               ((7, 5, 3), 2, 2)]


@question("pool")
@pytest.mark.parametrize("shape, size, stride", _POOL_CASES)
def test_max_pool_sizes_and_strides(submission, shape, size, stride):
    """max_pool2d honours size and stride (overlapping or not, floor for the last windows)."""
    x = _pool_input((3, size, stride), shape)
    got = lab.arr(submission.max_pool2d(x, size=size, stride=stride))
    expected = _keras_pool("max", x, size, stride)
    assert got.shape == expected.shape, (got.shape, expected.shape)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-7)


@question("pool")
@pytest.mark.parametrize("shape, size, stride", _POOL_CASES)
def test_avg_pool_sizes_and_strides(submission, shape, size, stride):
    """avg_pool2d honours size and stride (overlapping or not, floor for the last windows)."""
    x = _pool_input((4, size, stride), shape)
    got = lab.arr(submission.avg_pool2d(x, size=size, stride=stride))
    expected = _keras_pool("avg", x, size, stride)
    assert got.shape == expected.shape, (got.shape, expected.shape)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


@question("pool")
def test_max_pool_negative_values(submission):
    """max_pool2d finds the maximum of all-negative windows (do not start the max at 0)."""
    x = -1.0 - np.abs(_pool_input((5,), (4, 4, 2)))
    got = lab.arr(submission.max_pool2d(x))
    np.testing.assert_allclose(got, _keras_pool("max", x, 2, 2), rtol=0, atol=1e-7)
    assert np.all(got < 0)


@question("pool")
def test_pool_channels_independent(submission):
    """Each channel is pooled on its own: pooling a stack equals stacking the pooled channels."""
    x = _pool_input((6,), (6, 6, 3))
    for fn in (submission.max_pool2d, submission.avg_pool2d):
        whole = lab.arr(fn(x, size=2, stride=2))
        for c in range(3):
            single = lab.arr(fn(np.ascontiguousarray(x[:, :, c:c + 1]), size=2, stride=2))
            np.testing.assert_allclose(whole[:, :, c:c + 1], single, rtol=1e-12, atol=1e-12)


# ================================================================ edge


def _correlate_valid(image, k):
    """Our own sliding-window sum (cross-correlation, no flip) of a 2-D image with a 3x3 kernel."""
    h, w = image.shape
    return np.array([[np.sum(image[i:i + 3, j:j + 3] * k) for j in range(w - 2)]
                     for i in range(h - 2)])


def _kernel(submission):
    k = lab.arr(submission.vertical_edge_kernel())
    assert k.shape == (3, 3), k.shape
    assert np.all(np.isfinite(k)) and np.abs(k).max() > 0
    return k


@question("edge")
def test_edge_kernel_shape(submission):
    """vertical_edge_kernel returns a finite, non-zero (3, 3) array."""
    _kernel(submission)


@question("edge")
def test_edge_kernel_flat_regions(submission):
    """The kernel gives 0 on flat regions of any brightness (its weights sum to 0)."""
    k = _kernel(submission)
    for level in (0.0, 1.0, 10.0, -3.0):
        out = _correlate_valid(np.full((5, 5), level), k)
        assert np.all(np.abs(out) <= 1e-9 * np.abs(k).max() * (1 + abs(level))), level


@question("edge")
def test_edge_kernel_dark_to_bright(submission):
    """The kernel responds positively to dark-to-bright vertical edges, and only near them."""
    k = _kernel(submission)
    tol = 1e-9 * np.abs(k).max()
    for col in (2, 3, 4):
        for low, high in ((0.0, 10.0), (0.2, 0.9)):
            image = np.full((6, 7), low)
            image[:, col:] = high
            out = _correlate_valid(image, k) / (high - low)
            assert np.all(out >= -tol), (col, low, high, out)
            assert np.all(out.max(axis=1) > tol), (col, low, high, out)
            # windows that do not straddle the edge see a flat region
            far = [j for j in range(out.shape[1]) if j + 2 < col or j >= col]
            assert np.all(np.abs(out[:, far]) <= tol), (col, out)


@question("edge")
def test_edge_kernel_bright_to_dark(submission):
    """The kernel responds negatively to bright-to-dark vertical edges."""
    k = _kernel(submission)
    tol = 1e-9 * np.abs(k).max()
    image = np.full((6, 6), 8.0)
    image[:, 3:] = 1.0
    out = _correlate_valid(image, k)
    assert np.all(out <= tol) and np.all(out.min(axis=1) < -tol), out


@question("edge")
def test_edge_kernel_ignores_horizontal_edges(submission):
    """The kernel gives 0 on horizontal edges (a change from top to bottom)."""
    k = _kernel(submission)
    tol = 1e-9 * np.abs(k).max() * 10
    for row in (2, 3, 4):
        for top, bottom in ((0.0, 10.0), (10.0, 0.0)):
            image = np.full((7, 6), top)
            image[row:, :] = bottom
            out = _correlate_valid(image, k)
            assert np.all(np.abs(out) <= tol), (row, top, bottom, out)


# ================================================================ params

_PARAM_CASES = [(3, 3, 64, True), (1, 64, 32, True), (5, 1, 6, True), (3, 32, 64, False),
                (7, 3, 16, False), (2, 5, 1, True), (4, 2, 3, False)]


@question("params")
@pytest.mark.parametrize("f, c_in, c_out, bias", _PARAM_CASES)
def test_conv_params_match_keras(submission, f, c_in, c_out, bias):
    """conv_params matches Keras' Conv2D(c_out, f, use_bias=bias).count_params()."""
    import keras

    layer = keras.layers.Conv2D(c_out, f, use_bias=bias)
    layer.build((None, None, None, c_in))
    got = submission.conv_params(f, c_in, c_out, bias=bias)
    assert got == layer.count_params(), (f, c_in, c_out, bias, got, layer.count_params())


@question("params")
def test_conv_params_default_has_bias(submission):
    """conv_params counts one bias per filter by default."""
    assert submission.conv_params(3, 16, 8) == 3 * 3 * 16 * 8 + 8
    assert submission.conv_params(1, 1, 1) == 2


@question("params")
def test_conv_params_is_integer(submission):
    """conv_params returns a whole number (an int)."""
    got = submission.conv_params(5, 3, 7, bias=False)
    assert isinstance(got, (int, np.integer)) or float(got).is_integer(), got
    assert got == 525
