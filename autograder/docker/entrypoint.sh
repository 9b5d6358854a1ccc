#!/bin/sh
# Entry point of the grading images: the same bulk grader as on a workstation, after a check
# that student code can be sandboxed here (else one line naming the missing container flag).
#   docker run ... IMAGE LAB /submissions --out /out [--no-sandbox] [--jobs N]
set -eu
python -m autograder.docker.preflight "$@"
exec python -m autograder grade "$@"
