"""Worker process entry point: import the student's definitions, then serve requests.

Usage (started by a backend, never by hand): python -m autograder.worker MODULE_DIR IN_FD OUT_FD
"""

from __future__ import annotations

import importlib
import sys

from autograder.protocol.framing import ChannelClosed, pack, read_frame, write_frame
from autograder.worker.dispatcher import Dispatcher, describe_exception

MODULE_NAME = "submission"


def serve(module_dir: str, in_fd: int, out_fd: int) -> int:
    write_frame(out_fd, pack({"started": True}, []))
    sys.path.insert(0, module_dir)
    try:
        module = importlib.import_module(MODULE_NAME)
    except BaseException as error:  # SyntaxError, SystemExit, anything at import
        write_frame(out_fd, pack({"import_error": describe_exception(error)}, []))
        return 1
    write_frame(out_fd, pack({"ready": True}, []))
    dispatcher = Dispatcher(module)
    while True:
        try:
            body, blobs = read_frame(in_fd)
        except ChannelClosed:
            return 0
        write_frame(out_fd, dispatcher.handle(body, blobs))


if __name__ == "__main__":
    directory, in_fd, out_fd = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    sys.exit(serve(directory, in_fd, out_fd))
