"""Attack: reach the network: TCP to localhost services (ssh, http, jupyter) and to
public hosts, UDP DNS, name resolution, and the host's Unix sockets (docker, systemd).

Expected: the sandbox has no network (only its own empty loopback) and no view of the
host's sockets. add returns the right answer only if some connection to something it
did not start itself succeeded, so the score is 0 (scale not implemented).
"""
import glob
import socket

TARGETS = [("127.0.0.1", port) for port in (22, 80, 443, 3000, 5000, 8000, 8080, 8888)]
TARGETS += [("8.8.8.8", 53), ("1.1.1.1", 443), ("140.82.112.3", 443)]
UNIX_SOCKETS = ["/var/run/docker.sock", "/run/systemd/private", "/run/dbus/system_bus_socket"]


def _reached():
    reached = []
    for host, port in TARGETS:
        try:
            with socket.create_connection((host, port), timeout=0.3):
                reached.append(f"{host}:{port}")
        except OSError:
            pass
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.settimeout(0.3)
            udp.sendto(b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x06google\x03com\x00\x00\x01\x00\x01", ("8.8.8.8", 53))
            udp.recvfrom(512)
            reached.append("udp 8.8.8.8:53")
    except OSError:
        pass
    try:
        socket.getaddrinfo("pypi.org", 443)
        reached.append("dns")
    except OSError:
        pass
    for path in UNIX_SOCKETS + glob.glob("/run/user/*/bus") + glob.glob("/tmp/.X11-unix/*"):
        try:
            with socket.socket(socket.AF_UNIX) as unix:
                unix.settimeout(0.3)
                unix.connect(path)
                reached.append(path)
        except OSError:
            pass
    return reached


def add(a, b):
    return a + b if _reached() else a - b


def scale(x, k):
    raise NotImplementedError
