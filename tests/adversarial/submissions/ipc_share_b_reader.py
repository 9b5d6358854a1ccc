"""Attack (second half of a pair; see ipc_share_a_writer): read what an earlier
submission left in a System V shared-memory segment, and answer correctly only if the
message is there.

Expected: submissions are isolated from each other, so the segment is not visible and
add returns a - b: score 0 (scale not implemented). A score of 2 means data crossed
from one student's worker to another's.
"""
import ctypes

KEY = 0x41445631
MESSAGE = b"ADVERSARIAL-IPC: add(a, b) is a + b"
SHM_RDONLY = 0o10000


def _read_message():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.shmat.restype = ctypes.c_void_p
    libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
    libc.shmdt.argtypes = [ctypes.c_void_p]
    shmid = libc.shmget(KEY, 0, 0)
    if shmid < 0:
        return b""
    address = libc.shmat(shmid, None, SHM_RDONLY)
    if address in (None, ctypes.c_void_p(-1).value):
        return b""
    data = ctypes.string_at(address, len(MESSAGE))
    libc.shmdt(address)
    return data


def add(a, b):
    return a + b if _read_message() == MESSAGE else a - b


def scale(x, k):
    raise NotImplementedError
