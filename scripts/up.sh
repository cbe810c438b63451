#!/usr/bin/env bash
# The main job on a fresh Debian bookworm machine: install what is missing, build
# devenv, and run it on the example config.toml. Safe to run again.
#
# Until the native runtime lands (issue 3) this generates initdb/ and
# docker-compose.yml (`devenv build`); then it becomes `devenv up`.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/bootstrap.sh"
cd "$repo"
exec "${DEVENV_BUILD_DIR:-$repo/build}/devenv" build "$@"
