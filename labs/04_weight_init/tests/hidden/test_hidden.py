"""Hidden tests for lab 04 (weight initialization).

References are independent of any solution: closed forms for the fans and the
initializers' scales, Keras' own VarianceScaling for the fan rules, statistical properties
with tolerances that a correct answer meets for any seed (sample sizes of 1e4 to 1.5e5
draws), our own numpy simulation of the deep network, and Keras models built here.
"""

import numpy as np
import pytest

from autograder.testing import assert_drawn_from, lab_helpers, question, reference, reference_model

lab = lab_helpers(__file__)

BIG = (500, 300)  # 150_000 draws: the sample std is within ~0.2% of the true std


def _fraction_beyond_two_std(w, std):
    return float(np.mean(np.abs(w) > 2 * std))


# ================================================================ fans


@question("fans")
@pytest.mark.parametrize("shape", [(3, 5), (784, 10), (1, 1), (10, 784)])
def test_fans_dense_shapes(submission, shape):
    """Dense kernels (n_in, n_out) have fan_in = n_in and fan_out = n_out."""
    assert tuple(submission.compute_fans(shape)) == shape


@question("fans")
def test_fans_conv2d_kernels(submission):
    """Conv2D kernels (kh, kw, c_in, c_out) multiply the receptive field kh*kw into both fans."""
    for shape in [(3, 3, 16, 32), (5, 3, 2, 7), (1, 1, 64, 128), (7, 7, 3, 1)]:
        kh, kw, c_in, c_out = shape
        assert tuple(submission.compute_fans(shape)) == (kh * kw * c_in, kh * kw * c_out), shape


@question("fans")
def test_fans_conv1d_kernels(submission):
    """Conv1D kernels (k, c_in, c_out) have fans (k*c_in, k*c_out)."""
    for shape in [(5, 8, 16), (3, 1, 1), (2, 10, 3)]:
        k, c_in, c_out = shape
        assert tuple(submission.compute_fans(shape)) == (k * c_in, k * c_out), shape


@question("fans")
def test_fans_conv3d_kernels(submission):
    """Conv3D kernels (kd, kh, kw, c_in, c_out) multiply kd*kh*kw into both fans."""
    for shape in [(3, 3, 3, 4, 8), (2, 3, 4, 5, 6)]:
        field = shape[0] * shape[1] * shape[2]
        assert tuple(submission.compute_fans(shape)) == (field * shape[3], field * shape[4]), shape


@question("fans")
def test_fans_vector_shape(submission):
    """A 1-D shape (n,) gives (n, n), as in Keras."""
    assert tuple(submission.compute_fans((7,))) == (7, 7)
    assert tuple(submission.compute_fans((1,))) == (1, 1)


@question("fans")
def test_fans_types_and_list_input(submission):
    """compute_fans returns two ints and also accepts a list as the shape."""
    got = submission.compute_fans([3, 3, 16, 32])
    assert isinstance(got, (tuple, list)) and len(got) == 2
    assert all(isinstance(v, (int, np.integer)) for v in got)
    assert tuple(int(v) for v in got) == (144, 288)


@question("fans")
def test_fans_match_keras_variance_scaling(submission):
    """The fans agree with the ones Keras' own VarianceScaling initializer uses."""
    import keras

    for shape in [(64, 10), (3, 3, 16, 32), (5, 8, 16), (2, 3, 4, 5, 6)]:
        got = tuple(int(v) for v in submission.compute_fans(shape))
        for mode, fan in zip(("fan_in", "fan_out"), got):
            init = keras.initializers.VarianceScaling(
                scale=1.0, mode=mode, distribution="uniform", seed=3
            )
            w = lab.arr(keras.ops.convert_to_numpy(init(shape)))
            # Keras draws U(-limit, limit) with limit = sqrt(3 / fan); with >= 640 draws the
            # largest |w| is within 2.5% of the limit (failure probability < 1e-7).
            keras_fan = 3.0 / np.abs(w).max() ** 2
            assert 0.99 <= keras_fan / fan <= 1.06, (shape, mode, fan, keras_fan)


# ================================================================ zeros and random_normal


@question("zeros_random")
@pytest.mark.parametrize("shape", [(5, 3), (3, 3, 2, 4), (7,), (2, 3, 4, 5, 6)])
def test_zeros_any_shape(submission, shape):
    """zeros returns an all-zero float array of exactly the requested shape."""
    w = np.asarray(submission.zeros(shape))
    assert w.shape == shape
    assert np.issubdtype(w.dtype, np.floating)
    assert np.all(w == 0)


@question("zeros_random")
def test_random_normal_default_std(submission):
    """random_normal uses std 0.01 by default and has mean 0."""
    w = lab.arr(submission.random_normal(BIG, seed=3))
    assert w.shape == BIG
    np.testing.assert_allclose(w.std(), 0.01, rtol=0.03)
    assert abs(w.mean()) < 0.05 * 0.01


@question("zeros_random")
@pytest.mark.parametrize("std", [0.5, 2.0, 0.001])
def test_random_normal_honours_std(submission, std):
    """random_normal draws with the std it is given."""
    w = lab.arr(submission.random_normal(BIG, std=std, seed=4))
    np.testing.assert_allclose(w.std(), std, rtol=0.03)
    assert abs(w.mean()) < 0.05 * std
    assert_drawn_from(w, "norm", 0.0, std)


@question("zeros_random")
def test_random_normal_is_normal(submission):
    """random_normal is a plain normal: about 4.6% of draws lie beyond 2 std, and its shape is normal."""
    w = lab.arr(submission.random_normal(BIG, std=1.0, seed=5))
    assert 0.035 < _fraction_beyond_two_std(w, 1.0) < 0.057
    assert_drawn_from(w, "norm", 0.0, 1.0)


@question("zeros_random")
def test_random_normal_seeding(submission):
    """random_normal: same seed same array, another seed another array, default seed is 0."""
    a = lab.arr(submission.random_normal((30, 20), seed=11))
    b = lab.arr(submission.random_normal((30, 20), seed=11))
    c = lab.arr(submission.random_normal((30, 20), seed=12))
    assert np.array_equal(a, b)
    assert not np.allclose(a, c)
    assert np.array_equal(
        lab.arr(submission.random_normal((30, 20))), lab.arr(submission.random_normal((30, 20), seed=0))
    )


@question("zeros_random")
def test_random_normal_conv_shape(submission):
    """random_normal keeps convolution kernel shapes."""
    assert lab.arr(submission.random_normal((3, 3, 8, 16), seed=1)).shape == (3, 3, 8, 16)
    assert lab.arr(submission.random_normal((2, 3, 4, 5, 6), seed=1)).shape == (2, 3, 4, 5, 6)


# ================================================================ shared checks for xavier / he


def _check_normal(w, shape, std, rtol=0.03):
    assert w.shape == shape
    assert np.all(np.isfinite(w))
    np.testing.assert_allclose(w.std(), std, rtol=rtol)
    assert abs(w.mean()) < 0.05 * std
    assert_drawn_from(w, "norm", 0.0, std)


def _check_uniform(w, shape, limit):
    assert w.shape == shape
    assert np.all(np.isfinite(w))
    assert np.abs(w).max() <= limit * (1 + 1e-9)
    assert w.max() > 0.99 * limit and w.min() < -0.99 * limit
    np.testing.assert_allclose(w.var(), limit**2 / 3, rtol=0.03)
    assert abs(np.mean(np.abs(w) < limit / 2) - 0.5) < 0.02
    assert_drawn_from(w, "uniform", -limit, 2 * limit)


def _check_seeding(fn, shape=(40, 30)):
    a, b = lab.arr(fn(shape, seed=21)), lab.arr(fn(shape, seed=21))
    assert np.array_equal(a, b), "same seed, different arrays"
    assert not np.allclose(a, lab.arr(fn(shape, seed=22))), "different seeds, same array"
    assert np.array_equal(lab.arr(fn(shape)), lab.arr(fn(shape, seed=0))), "default seed is not 0"


# ================================================================ xavier


@question("xavier")
@pytest.mark.parametrize("shape", [BIG, (300, 500), (256, 256)])
def test_xavier_normal_std_dense(submission, shape):
    """xavier_normal on Dense kernels: mean 0, std sqrt(2 / (fan_in + fan_out))."""
    w = lab.arr(submission.xavier_normal(shape, seed=6))
    _check_normal(w, shape, np.sqrt(2.0 / (shape[0] + shape[1])))


@question("xavier")
def test_xavier_normal_is_plain_normal(submission):
    """xavier_normal is a plain (untruncated) normal: about 4.6% of draws lie beyond 2 std."""
    w = lab.arr(submission.xavier_normal(BIG, seed=7))
    assert 0.035 < _fraction_beyond_two_std(w, np.sqrt(2.0 / 800)) < 0.057


@question("xavier")
def test_xavier_normal_conv_kernel(submission):
    """xavier_normal on a Conv2D kernel uses the fans with the receptive field."""
    shape = (3, 3, 32, 64)
    w = lab.arr(submission.xavier_normal(shape, seed=8))
    _check_normal(w, shape, np.sqrt(2.0 / (9 * 32 + 9 * 64)), rtol=0.04)


@question("xavier")
@pytest.mark.parametrize("shape", [BIG, (300, 500)])
def test_xavier_uniform_dense(submission, shape):
    """xavier_uniform fills [-limit, limit] uniformly, limit = sqrt(6 / (fan_in + fan_out))."""
    w = lab.arr(submission.xavier_uniform(shape, seed=9))
    _check_uniform(w, shape, np.sqrt(6.0 / (shape[0] + shape[1])))


@question("xavier")
def test_xavier_uniform_conv_kernel(submission):
    """xavier_uniform on a Conv2D kernel uses the fans with the receptive field."""
    shape = (3, 3, 32, 64)
    w = lab.arr(submission.xavier_uniform(shape, seed=10))
    limit = np.sqrt(6.0 / (9 * 32 + 9 * 64))
    assert w.shape == shape
    assert np.abs(w).max() <= limit * (1 + 1e-9)
    assert np.abs(w).max() > 0.99 * limit


@question("xavier")
def test_xavier_seeding(submission):
    """Both Xavier initializers are reproducible: same seed same array, default seed 0."""
    _check_seeding(submission.xavier_normal)
    _check_seeding(submission.xavier_uniform)


@question("xavier")
def test_xavier_keeps_any_kernel_shape(submission):
    """Both Xavier initializers return exactly the requested Conv1D/Conv3D shape."""
    for shape in [(5, 8, 16), (2, 3, 4, 5, 6)]:
        assert lab.arr(submission.xavier_normal(shape, seed=1)).shape == shape
        assert lab.arr(submission.xavier_uniform(shape, seed=1)).shape == shape


# ================================================================ he


@question("he")
@pytest.mark.parametrize("shape", [BIG, (300, 500), (256, 256)])
def test_he_normal_std_dense(submission, shape):
    """he_normal on Dense kernels: mean 0, std sqrt(2 / fan_in)."""
    w = lab.arr(submission.he_normal(shape, seed=6))
    _check_normal(w, shape, np.sqrt(2.0 / shape[0]))


@question("he")
def test_he_normal_is_plain_normal(submission):
    """he_normal is a plain (untruncated) normal: about 4.6% of draws lie beyond 2 std."""
    w = lab.arr(submission.he_normal(BIG, seed=7))
    assert 0.035 < _fraction_beyond_two_std(w, np.sqrt(2.0 / 500)) < 0.057


@question("he")
def test_he_normal_conv_kernel(submission):
    """he_normal on a Conv2D kernel uses fan_in = kh * kw * c_in."""
    shape = (3, 3, 32, 64)
    w = lab.arr(submission.he_normal(shape, seed=8))
    _check_normal(w, shape, np.sqrt(2.0 / (9 * 32)), rtol=0.04)


@question("he")
@pytest.mark.parametrize("shape", [BIG, (300, 500)])
def test_he_uniform_dense(submission, shape):
    """he_uniform fills [-limit, limit] uniformly, limit = sqrt(6 / fan_in)."""
    w = lab.arr(submission.he_uniform(shape, seed=9))
    _check_uniform(w, shape, np.sqrt(6.0 / shape[0]))


@question("he")
def test_he_uniform_conv_kernel(submission):
    """he_uniform on a Conv2D kernel uses fan_in = kh * kw * c_in."""
    shape = (3, 3, 32, 64)
    w = lab.arr(submission.he_uniform(shape, seed=10))
    limit = np.sqrt(6.0 / (9 * 32))
    assert w.shape == shape
    assert np.abs(w).max() <= limit * (1 + 1e-9)
    assert np.abs(w).max() > 0.99 * limit


@question("he")
def test_he_seeding(submission):
    """Both He initializers are reproducible: same seed same array, default seed 0."""
    _check_seeding(submission.he_normal)
    _check_seeding(submission.he_uniform)


@question("he")
def test_he_keeps_any_kernel_shape(submission):
    """Both He initializers return exactly the requested Conv1D/Conv3D shape."""
    for shape in [(5, 8, 16), (2, 3, 4, 5, 6)]:
        assert lab.arr(submission.he_normal(shape, seed=1)).shape == shape
        assert lab.arr(submission.he_uniform(shape, seed=1)).shape == shape


# ================================================================ activation_stds
#
# These tests pass your own initializers to activation_stds. So that a mistake in an
# initializer is not counted twice, the reference below is simulated (with our own random
# draws) at the scale YOUR initializer actually draws at; with a correct he_normal that is
# sqrt(2 / width), and so on. The log-scale tolerance of each layer is at least 7 times the
# measured run-to-run spread of that layer (300 networks with other seeds).


_TOLERANCE = {  # allowed |log(got / reference)| at layer k = 1, 2, ...
    "relu": lambda k: 0.1 + 0.1 * k,
    "tanh": lambda k: 0.05 + 0.03 * k,
    "linear": lambda k: 0.05 + 0.03 * k,
    "sigmoid": lambda k: 0.35 + 0.0 * k,
}


@reference
def _simulated(scale, activation, depth, width):
    """Per-layer activation stds of our own seeded networks, drawn at `scale`."""
    f = lab.ACTS[activation]
    runs = 12 if activation == "relu" else 4  # relu networks fluctuate most from run to run
    logs = []
    for run in range(runs):
        rng = np.random.default_rng(20_000 + run)
        h = rng.standard_normal((1000, width))
        out = []
        for _ in range(depth):
            h = f(h @ rng.normal(0.0, scale, (width, width)))
            out.append(np.std(h))
        logs.append(np.log(out))
    return np.exp(np.mean(logs, axis=0))


def _reference(scale, activation, depth, width):
    """The simulation at `scale`, computed once per grading process. relu and linear networks
    are positively homogeneous (layer k scales exactly as scale**k), so theirs is simulated at
    scale 1 once and rescaled for every submission; tanh and sigmoid are cached per scale."""
    if activation in ("relu", "linear"):
        return _simulated(1.0, activation, depth, width) * scale ** np.arange(1, depth + 1)
    return _simulated(scale, activation, depth, width)


def _check_against_reference(submission, names, activation, depth=20, width=256, seed=0):
    init = lab.normal_init(submission, names)
    got = submission.activation_stds(init, activation, depth=depth, width=width, seed=seed)
    assert isinstance(got, (list, tuple)) and len(got) == depth
    got = lab.arr(got)
    assert np.all(np.isfinite(got)) and np.all(got > 0)
    ref = _reference(lab.scale_of(init, width), activation, depth, width)
    tol = np.array([_TOLERANCE[activation](k) for k in range(1, depth + 1)])
    tol = tol * np.sqrt(256 / width)  # narrower networks fluctuate more
    dev = np.abs(np.log(got / ref))
    assert np.all(dev <= tol), f"layers {np.nonzero(dev > tol)[0] + 1} off"
    return got


_HE_FIRST = ("he_normal", "xavier_normal", "random_normal")
_XAVIER_FIRST = ("xavier_normal", "he_normal", "random_normal")
_SMALL_FIRST = ("random_normal", "xavier_normal", "he_normal")


@question("activation_stds")
def test_activation_stds_list_of_floats(submission):
    """activation_stds returns a list of `depth` finite, non-negative Python floats."""
    init = lab.normal_init(submission, _HE_FIRST)
    got = submission.activation_stds(init, "tanh", depth=7, width=64, seed=2)
    assert isinstance(got, list) and len(got) == 7
    assert all(isinstance(v, (float, np.floating)) for v in got)
    assert np.all(np.isfinite(got)) and np.all(lab.arr(got) >= 0)


@question("activation_stds")
@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "linear"])
def test_activation_stds_zero_init(submission, activation):
    """With zero init every layer's activations are constant: every std is 0."""
    got = lab.arr(submission.activation_stds(submission.zeros, activation, depth=6, width=32))
    assert got.shape == (6,)
    assert np.all(np.abs(got) < 1e-12)


@question("activation_stds")
def test_activation_stds_he_relu(submission):
    """He normal + ReLU: matches a simulation of the same network (stays roughly constant)."""
    _check_against_reference(submission, _HE_FIRST, "relu")


@question("activation_stds")
def test_activation_stds_xavier_tanh(submission):
    """Xavier normal + tanh: matches a simulation of the same network (slow decay, no collapse)."""
    _check_against_reference(submission, _XAVIER_FIRST, "tanh")


@question("activation_stds")
def test_activation_stds_small_normal_tanh(submission):
    """random_normal(0.01) + tanh: matches a simulation (the signal collapses towards 0)."""
    got = _check_against_reference(submission, _SMALL_FIRST, "tanh", seed=3)
    assert got[-1] < got[0]


@question("activation_stds")
def test_activation_stds_sigmoid(submission):
    """Xavier normal + sigmoid: the std (not the mean or RMS) of sigmoid activations is recorded."""
    _check_against_reference(submission, _XAVIER_FIRST, "sigmoid", depth=10)


@question("activation_stds")
def test_activation_stds_linear(submission):
    """He normal + linear: matches a simulation (the std grows by about sqrt(2) per layer)."""
    _check_against_reference(submission, _HE_FIRST, "linear", depth=12)


@question("activation_stds")
def test_activation_stds_depth_and_width(submission):
    """activation_stds honours the depth and width arguments."""
    _check_against_reference(submission, _XAVIER_FIRST, "tanh", depth=4, width=64, seed=5)


@question("activation_stds")
@pytest.mark.parametrize(("activation", "seed"), [("tanh", 0), ("relu", 4)])
def test_activation_stds_replays_the_recipe(submission, activation, seed):
    """activation_stds follows the recipe exactly: x from default_rng(seed), layer i's W = init(shape, seed=seed + 1 + i)."""
    init = lab.normal_init(submission, _XAVIER_FIRST)
    depth, width = 4, 32
    kernels = [lab.arr(init((width, width), seed=seed + 1 + i)) for i in range(depth)]
    if not all(np.array_equal(w, lab.arr(init((width, width), seed=seed + 1 + i))) for i, w in enumerate(kernels)):
        return  # an initializer that ignores its seed is charged in its own question
    got = lab.arr(submission.activation_stds(init, activation, depth=depth, width=width, seed=seed))
    h, expected = np.random.default_rng(seed).standard_normal((1000, width)), []
    for w in kernels:
        h = lab.ACTS[activation](h @ w)
        expected.append(np.std(h))
    np.testing.assert_allclose(got, expected, rtol=1e-4)


@question("activation_stds")
def test_activation_stds_seeding(submission):
    """activation_stds is reproducible for a seed and changes with the seed."""
    init = lab.normal_init(submission, _HE_FIRST)
    a = lab.arr(submission.activation_stds(init, "relu", depth=4, width=32, seed=7))
    b = lab.arr(submission.activation_stds(init, "relu", depth=4, width=32, seed=7))
    c = lab.arr(submission.activation_stds(init, "relu", depth=4, width=32, seed=8))
    np.testing.assert_allclose(a, b, rtol=1e-6)
    assert not np.allclose(a, c, rtol=1e-6, atol=0)


# ================================================================ symmetry

_X = np.random.default_rng(0).standard_normal((64, 2)).astype("float32")
_Y = (_X[:, 0] > 0.3 * _X[:, 1]).astype("float32")


@reference
def _trained_zero_weights():
    """The weights of a model whose first layer started at zero (and output layer constant),
    trained a bit: trained once per grading process."""
    import keras

    model = lab.build_mlp("zeros", second_init=lab.constant(0.5))
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy")
    model.fit(_X, _Y, epochs=5, batch_size=16, verbose=0)
    kernel = model.layers[0].get_weights()[0]
    assert np.abs(kernel).max() > 0.05, "trusted setup: training did not move the kernel"
    return model.get_weights()


@reference_model
def _trained_zero_model(nudge=None):
    """The trained zero-started model; `nudge` ("kernel" or "bias") moves one unit's incoming
    weight or its bias by 0.05, which breaks the symmetry."""
    import keras

    trained = _trained_zero_weights()
    if nudge == "kernel":
        trained[0][1, -1] += 0.05
    elif nudge == "bias":
        trained[1][-1] += 0.05
    model = lab.build_mlp("zeros", second_init=lab.constant(0.5))
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy")
    model.set_weights(trained)
    return model


def _is(value, expected):
    return isinstance(value, (bool, np.bool_)) and bool(value) is expected


@question("symmetry")
def test_symmetric_after_training_from_zero(submission):
    """Zero init stays symmetric after training (the weights are no longer zero)."""
    assert _is(submission.symmetric_units(_trained_zero_model()), True)


@question("symmetry")
def test_symmetric_constant_init(submission):
    """Any constant initialization (not only zero) makes identical units."""
    model = lab.mlp(lab.constant(0.3), units=6)
    assert _is(submission.symmetric_units(model), True)


@question("symmetry")
def test_not_symmetric_he_init(submission):
    """He-initialized units are all different."""
    assert _is(submission.symmetric_units(lab.mlp("he_normal", units=8, seed=1)), False)


@question("symmetry")
def test_not_symmetric_one_unit_differs(submission):
    """A single unit whose incoming weights differ breaks the symmetry."""
    assert _is(submission.symmetric_units(_trained_zero_model(nudge="kernel")), False)


@question("symmetry")
def test_not_symmetric_bias_differs(submission):
    """Units with equal kernel columns but different biases are not identical."""
    assert _is(submission.symmetric_units(_trained_zero_model(nudge="bias")), False)


@reference_model
def _first_dense_decides(kind):
    """A model where only the first Dense layer decides: "after flatten" (a symmetric first
    layer after a Flatten), "functional, differs" and "functional, symmetric"."""
    import keras

    keras.utils.set_random_seed(2)
    if kind == "after flatten":
        return keras.Sequential([
            keras.Input((2, 1)),
            keras.layers.Flatten(),
            keras.layers.Dense(3, activation="tanh", kernel_initializer="zeros"),
            keras.layers.Dense(3, activation="tanh", kernel_initializer="he_normal"),
            keras.layers.Dense(1),
        ])
    inputs = keras.Input((2,))
    if kind == "functional, differs":
        hidden = keras.layers.Dense(5, activation="relu", kernel_initializer="he_normal")(inputs)
        outputs = keras.layers.Dense(1, kernel_initializer="zeros")(
            keras.layers.Dense(4, kernel_initializer="zeros")(hidden)
        )
    else:
        hidden = keras.layers.Dense(5, activation="relu", kernel_initializer="ones")(inputs)
        outputs = keras.layers.Dense(1, kernel_initializer="he_normal")(hidden)
    return keras.Model(inputs, outputs)


@question("symmetry")
def test_looks_at_first_dense_layer(submission):
    """Only the first Dense layer counts, even after a Flatten or in a functional model."""
    assert _is(submission.symmetric_units(_first_dense_decides("after flatten")), True)
    assert _is(submission.symmetric_units(_first_dense_decides("functional, differs")), False)
    assert _is(submission.symmetric_units(_first_dense_decides("functional, symmetric")), True)
