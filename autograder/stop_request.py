"""Ctrl-C that is never lost.

Python raises KeyboardInterrupt wherever the main thread happens to be; when that is a weakref
callback run by the garbage collector (pytest collects garbage after every run), the exception
is "unraisable" and silently dropped. The handler here also remembers the request, so the
grading loop stops after the result in hand even when the exception itself went missing.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType, TracebackType


class StopRequest:
    """While entered (in the main thread), Ctrl-C raises KeyboardInterrupt and is remembered."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: object = None

    def __enter__(self) -> StopRequest:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.requested = True
        raise KeyboardInterrupt

    def raise_if_requested(self) -> None:
        """Raise the KeyboardInterrupt that Ctrl-C raised, in case it was swallowed on its way."""
        if self.requested:
            raise KeyboardInterrupt
