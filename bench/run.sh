#!/usr/bin/env bash
# Runs devenv's benchmarks and prints medians with the ratio against each target.
#   bench/run.sh [RUNS]     (default 7 runs each)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/bootstrap.sh" >/dev/null
echo "== devenv build (issue 2) =="
"${DEVENV_BUILD_DIR:-$repo/build}/bench/bench_build" "${1:-7}"
