#!/usr/bin/env bash
# Quick start: set up, then bulk-grade the bundled example class of lab 04 into gradebook/.
set -euo pipefail
cd "$(dirname "$0")"
bash setup.sh
.venv/bin/python -m autograder grade 04 examples/lab04 --out gradebook
echo
cat gradebook/grades.csv
