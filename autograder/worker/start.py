"""Run an autograder module as __main__ in an isolated interpreter (`python -I -B start.py MODULE ARGS...`).

`-I` leaves the package off sys.path when it is not installed (a checkout used in place), so
this script puts the folder holding the package first, and nothing else.
"""

import runpy
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
module = sys.argv.pop(1)
runpy.run_module(module, run_name="__main__", alter_sys=True)
