"""What lab tests import: the marker that ties a test to a question of the lab."""

import pytest

QUESTION_MARKER = "question"


def question(question_id: str) -> pytest.MarkDecorator:
    """Mark a test (or, as `pytestmark`, a whole module) as part of a lab question."""
    return getattr(pytest.mark, QUESTION_MARKER)(question_id)
