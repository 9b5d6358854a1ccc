"""Attack: make the judge write worker text into the status line. The worker's protocol is
patched so that every reply to a call becomes {"missing": <text>}, where the text holds the
call's arguments (the hidden tests' inputs) and a marker. A judge that took "missing"
messages from the worker would print them in grades.csv and the feedback.

Expected: score 0 and the marker nowhere in the gradebook, the results or the feedback (the
judge names missing functions from the name it asked for, and a "missing" reply to a call is
an invalid reply).
"""
import autograder.worker.dispatcher as DISPATCHER

ORIGINAL = DISPATCHER.pack


def pack(body, blobs):
    if isinstance(body, dict) and "ok" in body:
        return ORIGINAL({"missing": "ADVERSARIAL-LEAK hidden inputs (-7, 4) seen"}, [])
    return ORIGINAL(body, blobs)



def _install():
    DISPATCHER.pack = pack
    return True


INSTALLED = _install()  # an ALL_CAPS constant: extraction keeps it, so it runs at import


def add(a, b):
    return a + b


def scale(x, k):
    return x * k
