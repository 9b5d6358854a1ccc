#!/bin/sh
# Entry point of the grading images: the same bulk grader as on a workstation.
#   docker run ... IMAGE LAB /submissions --out /out [--no-sandbox] [--jobs N]
set -eu
exec python -m autograder grade "$@"
