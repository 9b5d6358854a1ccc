"""Build-time smoke test of a grading image or a Gradescope bundle: `python -m autograder.docker.smoke`.

Checks, with no network: the pinned stack imports and runs a tiny op, the labs' data is on
disk (load_digits ships inside scikit-learn; make_moons and make_circles are generated, never
downloaded), bubblewrap is installed for the sandbox, and every lab's metadata loads.
"""

from __future__ import annotations

import os
import shutil
import sys


def main() -> int:
    os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")  # no GPU at build time; never initialise CUDA here
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("MPLBACKEND", "Agg")
    import keras
    import keras_tuner
    import matplotlib
    import numpy as np
    import sklearn
    import tensorboard
    import tensorflow as tf
    from sklearn.datasets import load_digits, make_circles, make_moons

    digits = load_digits()  # bundled with scikit-learn: sklearn/datasets/data/digits.csv.gz
    assert digits.data.shape == (1797, 64), digits.data.shape
    moons, _ = make_moons(n_samples=200, noise=0.1, random_state=0)
    circles, _ = make_circles(n_samples=200, noise=0.05, factor=0.5, random_state=0)
    assert moons.shape == circles.shape == (200, 2)
    assert float(tf.reduce_sum(tf.ones((2, 2)))) == 4.0
    if not shutil.which("bwrap"):
        raise SystemExit("smoke test: bubblewrap (bwrap) is not installed; the sandbox needs it")

    from autograder.cli import app  # noqa: F401 - the CLI and its imports load
    from autograder.lab import all_labs

    labs = all_labs()
    if not labs:
        raise SystemExit("smoke test: no labs found (is AUTOGRADER_COURSE_ROOT right?)")
    versions = {
        "python": sys.version.split()[0], "numpy": np.__version__, "tensorflow": tf.__version__,
        "keras": keras.__version__, "keras_tuner": keras_tuner.__version__, "tensorboard": tensorboard.__version__,
        "scikit-learn": sklearn.__version__, "matplotlib": matplotlib.__version__,
    }
    print("smoke test ok:", ", ".join(f"{k} {v}" for k, v in versions.items()))
    print(f"labs: {', '.join(lab.id for lab in labs)}; data: load_digits {digits.data.shape}, make_moons, make_circles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
