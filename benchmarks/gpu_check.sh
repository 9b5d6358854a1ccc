#!/usr/bin/env bash
# GPU check (see benchmarks/gpu_check.py): bash benchmarks/gpu_check.sh [--dry-run] [--size N]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L || true
exec "$PYTHON" benchmarks/gpu_check.py "$@"
