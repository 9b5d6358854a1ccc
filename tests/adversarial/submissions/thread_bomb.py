"""Attack: a thread bomb: start sleeping threads until the limits refuse, keep them.

Expected: contained (RuntimeError/MemoryError or a timeout); add scores 0; scale is
correct and may earn up to 3 points; nothing outlives the worker.
"""
import threading
import time

import numpy as np


def add(a, b):
    started = 0
    while started < 100000:
        try:
            threading.Thread(target=time.sleep, args=(3600,), daemon=True).start()
        except (RuntimeError, MemoryError):
            break
        started += 1
    return a - b


def scale(x, k):
    return np.asarray(x) * k
