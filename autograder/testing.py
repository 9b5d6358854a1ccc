"""What lab tests import: the marker that ties a test to a question of the lab."""

import pytest

QUESTION_MARKER = "question"


def question(question_id: str) -> pytest.MarkDecorator:
    """Mark a test (or, as `pytestmark`, a whole module) as part of a lab question."""
    return getattr(pytest.mark, QUESTION_MARKER)(question_id)


def assert_drawn_from(samples, distribution: str, loc: float, scale: float) -> None:
    """Assert that `samples` look like draws from a continuous scipy `distribution` ("norm",
    "uniform") with `loc` and `scale`, not only that their mean and std match.

    Kolmogorov-Smirnov: a correct sampler's statistic stays below 2.7 / sqrt(n) except with
    probability about 1e-6, for any seed; a discrete or wrongly shaped distribution with the
    right moments is far above it. Continuous draws are also almost all distinct.
    """
    import numpy as np
    from scipy import stats

    flat = np.ravel(np.asarray(samples, dtype=np.float64))
    statistic = stats.kstest(flat, distribution, args=(loc, scale)).statistic
    bound = 2.7 / np.sqrt(flat.size)
    assert statistic < bound, (
        f"the values do not follow the {distribution} distribution they should "
        f"(Kolmogorov-Smirnov distance {statistic:.4f}, at most {bound:.4f} expected)"
    )
    distinct = np.unique(flat).size
    assert distinct > 0.9 * flat.size, f"only {distinct} distinct values among {flat.size} draws: not a continuous distribution"
