"""Attack: return objects whose comparisons lie. add returns an object whose __eq__ is
always True, __ne__ always False, __bool__ True, and whose __array__/__int__/__float__
/__index__ all claim 5; or an int subclass that equals everything. scale returns an
ndarray subclass of the wrong shape whose __eq__ and ufuncs all say True.

Expected: non-plain objects stay in the worker and come back as opaque handles, and an
ndarray subclass arrives as a plain array of its real contents: nothing passes except
test_scale_does_not_modify_input, which any scale that returns without modifying its
input passes (same as `return None`). Max score 1.
"""
import numpy as np


class Liar:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __bool__(self):
        return True

    def __hash__(self):
        return 5

    def __array__(self, *args, **kwargs):
        return np.array(5)

    def __int__(self):
        return 5

    __index__ = __int__

    def __float__(self):
        return 5.0

    def __repr__(self):
        return "5"


class LyingInt(int):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = int.__hash__


class LyingArray(np.ndarray):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return True


def add(a, b):
    return Liar() if a == 2 else LyingInt(999)


def scale(x, k):
    return np.zeros(1).view(LyingArray)
