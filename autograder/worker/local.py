"""An in-process session: the same requests and codec, served from objects in this process.

Used by the in-notebook checker, where the student runs their own code on their own machine.
"""

from __future__ import annotations

import types
from typing import Any

from autograder.judge.calls import CallLog
from autograder.judge.faults import FaultLedger
from autograder.protocol.busy import without_busy
from autograder.protocol.framing import pack, unpack
from autograder.worker.dispatcher import Dispatcher


class LocalSession:
    generation = 1

    def __init__(self, namespace: dict[str, Any]) -> None:
        module = types.ModuleType("submission")
        module.__dict__.update(namespace)
        self._dispatcher = Dispatcher(module)
        self.faults = FaultLedger()
        self.calls = CallLog()

    def request(self, body: Any, blobs: list[bytes]) -> tuple[Any, list[bytes]]:
        """Serialize both ways, so a local check sees exactly what grading sees."""
        reply, reply_blobs = unpack(self._dispatcher.handle(*unpack(pack(body, blobs))))
        return without_busy(reply, 0.0)[0], reply_blobs

    def close(self) -> None:
        """Nothing to stop: the objects live in this process."""
