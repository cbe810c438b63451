#!/usr/bin/env bash
# The whole test suite on a fresh Debian bookworm machine: install what is missing,
# build, check the committed example is current, then run every ctest label: unit;
# db (private MariaDB and PostgreSQL servers); docker (the compose runtime on a real
# Docker engine, started here if none runs, with images built from Debian packages).
# Safe to run again.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${DEVENV_BUILD_DIR:-$repo/build}
"$repo/scripts/bootstrap.sh"
cd "$repo"
echo "== devenv build --check (the committed example must be current)"
"$build_dir/devenv" build --check
echo "== ctest (labels: unit, db)"
cd "$build_dir"
ctest --output-on-failure -j"$(nproc)" -LE docker || { "$repo/scripts/ctest_failures.sh" "$build_dir"; exit 8; }

echo "== ctest (label: docker)"
engine_state="$build_dir/docker-engine"
if reason=$("$repo/tests/docker/engine.sh" start "$engine_state" 2>&1 >/dev/null); then
  trap '"$repo/tests/docker/engine.sh" stop "$engine_state"' EXIT  # only a dockerd it started
  ctest --output-on-failure -j"$(nproc)" -L docker || { "$repo/scripts/ctest_failures.sh" "$build_dir"; exit 8; }
else
  echo "DOCKER TESTS SKIPPED: ${reason:-the Docker engine did not start}"
fi
