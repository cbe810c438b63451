#!/usr/bin/env bash
# The whole test suite on a fresh Debian bookworm machine: install what is missing,
# build, check the committed example is current, then run every ctest label
# (unit; db, which starts private MariaDB and PostgreSQL servers). Safe to run again.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${DEVENV_BUILD_DIR:-$repo/build}
"$repo/scripts/bootstrap.sh"
cd "$repo"
echo "== devenv build --check (the committed example must be current)"
"$build_dir/devenv" build --check
echo "== ctest (labels: unit, db)"
cd "$build_dir"
ctest --output-on-failure -j"$(nproc)"
