"""The grading images' start-up check: `python -m autograder.docker.preflight GRADE-ARGUMENTS`.

Before any TensorFlow import, refuse to grade when the container cannot sandbox student code,
in one line naming the flag the container lacks; `--no-sandbox` (trusted code) and `--help` pass.
"""

from __future__ import annotations

import sys

from autograder.sandbox.backend import sandbox_problem
from autograder.sandbox.choose import unsandboxable

REFUSED = 3


def main(arguments: list[str]) -> int:
    if not arguments or "--no-sandbox" in arguments or "--help" in arguments or "-h" in arguments:
        return 0
    problem = sandbox_problem()
    if problem is None:
        return 0
    print(f"refusing to grade: {unsandboxable(problem, 'in this container')}", file=sys.stderr)
    return REFUSED


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
