"""Where the grader keeps what it computes once per lab version and reads in later runs."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """$AUTOGRADER_CACHE, or `autograder` in the user's cache folder."""
    base = os.environ.get("AUTOGRADER_CACHE") or os.path.join(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "autograder")
    return Path(base)
