"""Attack: return pickles. add returns an object whose __reduce__ runs a shell command
(touch /tmp/adversarial-pickle-PWNED) and, for the hidden test, the pickled bytes of
that object; scale returns the *correct* array, but pickled.

Expected: nothing is ever unpickled on the trusted side: the object stays in the worker
as a handle, bytes stay bytes, and no /tmp/adversarial-pickle-PWNED appears on the
host. A pickled answer is not an answer: only test_scale_does_not_modify_input passes
(any scale that returns without modifying its input does). Max score 1.
"""
import os
import pickle

import numpy as np


class Payload:
    def __reduce__(self):
        return (os.system, ("touch /tmp/adversarial-pickle-PWNED",))


def add(a, b):
    if a == 2:
        return Payload()
    return pickle.dumps(Payload())


def scale(x, k):
    return pickle.dumps(np.asarray(x) * k)
