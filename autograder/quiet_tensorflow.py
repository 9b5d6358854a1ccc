"""Import TensorFlow without its start-up log lines (oneDNN, absl, CUDA registration).

TensorFlow's C++ side writes straight to file descriptor 2, so Python's `sys.stderr` cannot
catch it, and in Jupyter it lands as a red block under the cell. Its log level is read once,
at import: it is set first, and the import runs with descriptor 2 pointed at a temporary file,
replayed only if the import fails.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import tempfile

LOG_LEVELS = {"TF_CPP_MIN_LOG_LEVEL": "2", "ABSL_MIN_LOG_LEVEL": "2"}  # errors only; keep a user's own setting


def set_log_levels() -> None:
    """Before TensorFlow is first imported: its C++ logging shows errors only."""
    for name, level in LOG_LEVELS.items():
        os.environ.setdefault(name, level)


def import_tensorflow_quietly() -> None:
    """Import TensorFlow now (if installed and not yet imported) with its start-up lines hidden."""
    set_log_levels()
    if "tensorflow" in sys.modules or importlib.util.find_spec("tensorflow") is None:
        return
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as captured:
        os.dup2(captured.fileno(), 2)
        try:
            importlib.import_module("tensorflow")
        except BaseException:
            os.dup2(saved, 2)
            captured.seek(0)
            sys.stderr.write(captured.read().decode("utf-8", "replace"))
            raise
        finally:
            os.dup2(saved, 2)
            os.close(saved)
