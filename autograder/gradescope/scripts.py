"""The two scripts at the root of a Gradescope bundle (kept here so an installed package has them)."""

from __future__ import annotations

PYTHON_VERSION = "3.11"

SETUP_SH = r"""#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder image (network is on then).
# It installs Python {python}, bubblewrap (the sandbox) and the pinned requirements into
# /autograder/source/.venv, then smoke-tests the stack and the labs' data offline.
set -euo pipefail
SOURCE="$(cd "$(dirname "${{BASH_SOURCE[0]}}")" && pwd)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends bubblewrap util-linux ca-certificates >/dev/null
if ! python{python} -c "import ensurepip, venv" >/dev/null 2>&1; then
  # Gradescope's Ubuntu images ship another Python (22.04: 3.10, 24.04: 3.12): take {python} from deadsnakes
  apt-get install -y -qq --no-install-recommends software-properties-common gpg-agent >/dev/null
  add-apt-repository -y ppa:deadsnakes/ppa
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends python{python} python{python}-venv >/dev/null
fi
python{python} -m venv "$SOURCE/.venv"
"$SOURCE/.venv/bin/python" -m pip install --quiet --upgrade pip
"$SOURCE/.venv/bin/python" -m pip install --quiet --no-cache-dir -r "$SOURCE/requirements.txt"
cd "$SOURCE"
AUTOGRADER_COURSE_ROOT="$SOURCE" PYTHONPATH="$SOURCE" "$SOURCE/.venv/bin/python" -m autograder.docker.smoke
""".format(python=PYTHON_VERSION)

RUN_AUTOGRADER = r"""#!/usr/bin/env bash
# Gradescope runs this for every submission (as /autograder/run_autograder, from /autograder):
# grade /autograder/submission/ and write /autograder/results/results.json.
# AUTOGRADER_GRADESCOPE_ROOT moves /autograder (tests); AUTOGRADER_PYTHON picks the interpreter.
set -euo pipefail
ROOT="${AUTOGRADER_GRADESCOPE_ROOT:-/autograder}"
SOURCE="$ROOT/source"
PYTHON="${AUTOGRADER_PYTHON:-$SOURCE/.venv/bin/python}"
export AUTOGRADER_GRADESCOPE_ROOT="$ROOT"
export AUTOGRADER_COURSE_ROOT="$SOURCE"
export PYTHONPATH="$SOURCE"
export TF_CPP_MIN_LOG_LEVEL=2 MPLBACKEND=Agg PYTHONDONTWRITEBYTECODE=1
cd "$SOURCE"
exec "$PYTHON" -m autograder.gradescope.run
"""
