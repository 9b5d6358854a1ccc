"""Gradescope: build an autograder bundle for one lab, grade inside Gradescope, write results.json.

- `bundle.py` builds the zip (setup.sh, run_autograder, this package, the lab, requirements.txt).
- `run.py` is what the bundle's `run_autograder` runs: find the submission, grade it, write results.
- `results.py` converts a `SubmissionResult` to Gradescope's results.json format.
"""
