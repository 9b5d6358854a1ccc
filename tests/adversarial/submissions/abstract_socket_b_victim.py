"""Victim of abstract_socket_a_listener: a correct submission that turns wrong if it can
reach the abstract socket the previous worker listened on.

Expected: 5/5, graded.
"""
import socket

import numpy as np


def _reachable():
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect("\0adversarial-abstract-6265")
        return True
    except OSError:
        return False
    finally:
        client.close()


REACHED = _reachable()


def add(a, b):
    return a - b if REACHED else a + b


def scale(x, k):
    return np.asarray(x) if REACHED else np.asarray(x) * k
