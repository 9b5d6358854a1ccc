"""Attack (first half of a pair; see ipc_share_b_reader): leave data behind for a later
submission in a System V shared-memory segment. SysV IPC objects outlive the process
that made them, and a segment is visible to every process in the same IPC namespace.
Here it only leaves a marker; a real pair would leave answers, or record hidden-test
inputs for the next student.

Expected (this file): score 0 (add is wrong, scale not implemented).
"""
import ctypes

KEY = 0x41445631
MESSAGE = b"ADVERSARIAL-IPC: add(a, b) is a + b"
IPC_CREAT = 0o1000


def _libc():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.shmat.restype = ctypes.c_void_p
    libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
    libc.shmdt.argtypes = [ctypes.c_void_p]
    return libc


def _leave_message():
    libc = _libc()
    shmid = libc.shmget(KEY, 4096, IPC_CREAT | 0o666)
    if shmid < 0:
        return False
    address = libc.shmat(shmid, None, 0)
    if address in (None, ctypes.c_void_p(-1).value):
        return False
    ctypes.memmove(address, MESSAGE, len(MESSAGE))
    libc.shmdt(address)
    return True


def add(a, b):
    _leave_message()
    return a - b


def scale(x, k):
    raise NotImplementedError
