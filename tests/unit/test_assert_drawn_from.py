"""assert_drawn_from: the shape of a distribution, not only its moments, with a bound any seed meets."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.testing import assert_drawn_from


@pytest.mark.parametrize("seed", range(5))
def test_true_draws_pass_for_any_seed(seed):
    rng = np.random.default_rng(seed)
    assert_drawn_from(rng.normal(0.0, 2.0, size=(300, 200)), "norm", 0.0, 2.0)
    assert_drawn_from(rng.uniform(-0.5, 0.5, size=60_000), "uniform", -0.5, 1.0)


def test_three_values_with_a_normals_mean_and_std_fail_on_shape():
    rng = np.random.default_rng(0)
    draws = rng.choice([-np.sqrt(1.5), 0.0, np.sqrt(1.5)], p=[1 / 3, 1 / 3, 1 / 3], size=60_000)
    assert abs(draws.std() - 1.0) < 0.01
    with pytest.raises(AssertionError, match="Kolmogorov-Smirnov"):
        assert_drawn_from(draws, "norm", 0.0, 1.0)


def test_a_normal_rounded_to_few_values_fails_as_not_continuous():
    draws = np.round(np.random.default_rng(1).normal(size=100_000), 2)  # close in distribution, ~800 distinct values
    with pytest.raises(AssertionError, match="distinct values among 100000 draws"):
        assert_drawn_from(draws, "norm", 0.0, 1.0)


def test_the_samples_given_are_left_unsorted():
    draws = np.random.default_rng(2).normal(size=10_000)
    before = draws.copy()
    assert_drawn_from(draws, "norm", 0.0, 1.0)
    np.testing.assert_array_equal(draws, before)
