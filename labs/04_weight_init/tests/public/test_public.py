"""Public tests for lab 04 (weight initialization).

Run them from the notebook with `check("QUESTION_ID")`. They check shapes, types and a few
simple values; the hidden tests check the same functions more thoroughly.
"""

import numpy as np

from autograder.testing import lab_helpers, question, reference

lab = lab_helpers(__file__)


# ---------------------------------------------------------------- fans


@question("fans")
def test_fans_dense(submission):
    """compute_fans of a Dense kernel (n_in, n_out) is (n_in, n_out)."""
    got = submission.compute_fans((784, 128))
    assert got is not None and tuple(got) == (784, 128), (
        f"compute_fans((784, 128)): expected (784, 128), got {got}. "
        "Hint: a Dense kernel has shape (fan_in, fan_out)."
    )


@question("fans")
def test_fans_conv2d(submission):
    """compute_fans of a Conv2D kernel multiplies the receptive field kh*kw into both fans."""
    got = submission.compute_fans((3, 3, 16, 32))
    assert got is not None and tuple(got) == (144, 288), (
        f"compute_fans((3, 3, 16, 32)): expected (3*3*16, 3*3*32) = (144, 288), got {got}. "
        "Hint: multiply the receptive field kh*kw into both c_in and c_out."
    )


@question("fans")
def test_fans_returns_two_ints(submission):
    """compute_fans returns a pair of Python ints."""
    got = submission.compute_fans((5, 7))
    assert isinstance(got, (tuple, list)) and len(got) == 2, (
        f"expected a tuple (fan_in, fan_out), got {got!r}"
    )
    assert all(isinstance(v, (int, np.integer)) for v in got), (
        f"expected two ints, got types {[type(v).__name__ for v in got]}. Hint: use int(...)."
    )


# ---------------------------------------------------------------- zeros and random_normal


@question("zeros_random")
def test_zeros_shape_and_values(submission):
    """zeros returns an all-zero float array of the requested shape."""
    w = lab.arr(submission.zeros((4, 3)))
    assert w.shape == (4, 3), f"zeros((4, 3)): expected shape (4, 3), got {w.shape}"
    assert np.all(w == 0), f"zeros((4, 3)) should be all 0, got {w}"


@question("zeros_random")
def test_random_normal_shape_and_std(submission):
    """random_normal has the requested shape, mean 0 and std 0.01 by default."""
    w = lab.arr(submission.random_normal((400, 300), seed=1))
    assert w.shape == (400, 300), f"expected shape (400, 300), got {w.shape}"
    assert abs(w.std() - 0.01) < 0.0005, (
        f"random_normal((400, 300)) should have std 0.01 (the default), got {w.std():.5f}. "
        "Hint: rng.normal(0.0, std, size=shape)."
    )


@question("zeros_random")
def test_random_normal_reproducible(submission):
    """random_normal gives the same array for the same seed."""
    a = lab.arr(submission.random_normal((20, 10), seed=7))
    b = lab.arr(submission.random_normal((20, 10), seed=7))
    assert np.array_equal(a, b), (
        "two calls with seed=7 returned different arrays. "
        "Hint: draw with rng = np.random.default_rng(seed), not np.random.normal."
    )


# ---------------------------------------------------------------- xavier


@question("xavier")
def test_xavier_normal_std(submission):
    """xavier_normal draws with std sqrt(2 / (fan_in + fan_out))."""
    w = lab.arr(submission.xavier_normal((400, 200), seed=1))
    expected = np.sqrt(2 / (400 + 200))
    assert w.shape == (400, 200), f"expected shape (400, 200), got {w.shape}"
    assert abs(w.std() / expected - 1) < 0.04, (
        f"xavier_normal((400, 200)): expected std sqrt(2/(400+200)) = {expected:.5f}, "
        f"got {w.std():.5f}"
    )


@question("xavier")
def test_xavier_uniform_limit(submission):
    """xavier_uniform fills [-limit, limit] with limit = sqrt(6 / (fan_in + fan_out))."""
    w = lab.arr(submission.xavier_uniform((400, 200), seed=1))
    limit = np.sqrt(6 / (400 + 200))
    assert w.shape == (400, 200), f"expected shape (400, 200), got {w.shape}"
    assert np.abs(w).max() <= limit * (1 + 1e-9), (
        f"xavier_uniform((400, 200)): every weight must lie in [-{limit:.5f}, {limit:.5f}], "
        f"got max |w| = {np.abs(w).max():.5f}"
    )
    assert np.abs(w).max() > 0.99 * limit, (
        f"xavier_uniform((400, 200)): weights should reach close to the limit {limit:.5f}, "
        f"got max |w| = {np.abs(w).max():.5f}. Hint: limit = sqrt(6 / (fan_in + fan_out))."
    )


# ---------------------------------------------------------------- he


@question("he")
def test_he_normal_std(submission):
    """he_normal draws with std sqrt(2 / fan_in)."""
    w = lab.arr(submission.he_normal((500, 300), seed=1))
    expected = np.sqrt(2 / 500)
    assert w.shape == (500, 300), f"expected shape (500, 300), got {w.shape}"
    assert abs(w.std() / expected - 1) < 0.04, (
        f"he_normal((500, 300)): expected std sqrt(2/fan_in) = {expected:.5f}, got {w.std():.5f}"
    )


@question("he")
def test_he_uniform_limit(submission):
    """he_uniform fills [-limit, limit] with limit = sqrt(6 / fan_in)."""
    w = lab.arr(submission.he_uniform((500, 300), seed=1))
    limit = np.sqrt(6 / 500)
    assert w.shape == (500, 300), f"expected shape (500, 300), got {w.shape}"
    assert limit * 0.99 < np.abs(w).max() <= limit * (1 + 1e-9), (
        f"he_uniform((500, 300)): weights should fill [-{limit:.5f}, {limit:.5f}], "
        f"got max |w| = {np.abs(w).max():.5f}. Hint: limit = sqrt(6 / fan_in)."
    )


# ---------------------------------------------------------------- activation_stds


@reference
def _relu_stds_at_unit_scale(depth, width):
    """Per-layer activation stds of our own ReLU networks drawn with std 1 (computed once)."""
    logs = []
    for run in range(4):
        rng = np.random.default_rng(10_000 + run)
        h = rng.standard_normal((1000, width))
        out = []
        for _ in range(depth):
            h = lab.ACTS["relu"](h @ rng.normal(0.0, 1.0, (width, width)))
            out.append(np.std(h))
        logs.append(np.log(out))
    return np.exp(np.mean(logs, axis=0))


def _reference_relu_stds(init, depth, width):
    """Per-layer activation stds for the scale your `init` draws at, with our own draws. A ReLU
    network is positively homogeneous: with weights drawn at `scale`, layer k is exactly
    scale**k times the network drawn at scale 1."""
    return _relu_stds_at_unit_scale(depth, width) * lab.scale_of(init, width) ** np.arange(1, depth + 1)


@question("activation_stds")
def test_activation_stds_returns_depth_floats(submission):
    """activation_stds returns one float per layer (depth of them)."""
    init = lab.normal_init(submission)
    got = submission.activation_stds(init, "tanh", depth=5, width=32)
    assert isinstance(got, (list, tuple)) and len(got) == 5, (
        f"activation_stds(..., depth=5): expected a list of 5 floats, got {got!r}"
    )
    vals = lab.arr(got)
    assert np.all(np.isfinite(vals)) and np.all(vals >= 0), (
        f"standard deviations must be finite and >= 0, got {got}"
    )


@question("activation_stds")
def test_activation_stds_zero_init(submission):
    """With zero weights every layer's activations have std 0."""
    got = lab.arr(submission.activation_stds(submission.zeros, "tanh", depth=4, width=16))
    assert got.shape == (4,) and np.all(got == 0), (
        f"with zeros every layer outputs tanh(0) = 0, so every std is 0; got {got}. "
        "Hint: zeros takes no seed; call it as init((width, width))."
    )


@question("activation_stds")
def test_activation_stds_relu_first_layers(submission):
    """With ReLU, activation_stds records the std of f(h @ W) layer by layer, as the recipe says."""
    init = lab.normal_init(submission)
    got = lab.arr(submission.activation_stds(init, "relu", depth=3))
    ref = _reference_relu_stds(init, 3, 256)
    assert got.shape == (3,), f"expected 3 values for depth=3, got {got}"
    tolerance = 0.1 + 0.1 * np.arange(1, 4)  # relu networks fluctuate more in deeper layers
    assert np.all(np.abs(np.log(got / ref)) < tolerance), (
        f"relu, depth=3: expected about {np.round(ref, 4)}, got {np.round(got, 4)}. "
        "(With He normal: about 0.83 in every layer.) Hint: record the std of the activations "
        "f(h @ W), not of h @ W, and feed each layer's output into the next layer."
    )


# ---------------------------------------------------------------- symmetry


@question("symmetry")
def test_symmetric_units_zero_init(submission):
    """symmetric_units is True for a zero-initialised first layer (all its units are identical)."""
    got = submission.symmetric_units(lab.mlp("zeros"))
    assert bool(got) is True, (
        f"a first layer initialised with zeros has identical units: expected True, got {got!r}"
    )


@question("symmetry")
def test_symmetric_units_he_init(submission):
    """symmetric_units is False after He initialisation (its units differ)."""
    got = submission.symmetric_units(lab.mlp("he_normal", seed=0))
    assert bool(got) is False, (
        f"a He-initialised first layer has different units: expected False, got {got!r}. "
        "Hint: compare every column of the kernel with the first one."
    )
