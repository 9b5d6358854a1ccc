"""Attack (first of a pair; see abstract_socket_b_victim): listen on an abstract unix socket
(no file, visible to every process of the same network namespace) from a daemon process,
to feed answers to, or collect code from, the next student's worker.

Expected (this file): score 0; the victim keeps 5/5 (it cannot reach the socket: each worker
has its own network namespace, and the daemon dies with its worker).
"""
import os
import socket
import time

NAME = "\0adversarial-abstract-6265"


def _listen():
    if os.fork() == 0:
        os.setsid()
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind(NAME)
            server.listen(8)
            server.settimeout(60)
            while True:
                connection, _ = server.accept()
                connection.sendall(b"wrong")
        except OSError:
            pass
        time.sleep(60)
        os._exit(0)


def add(a, b):
    _listen()
    return a - b


def scale(x, k):
    raise NotImplementedError
