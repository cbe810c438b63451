#!/usr/bin/env bash
# The main job on a fresh Debian bookworm machine: install what is missing, build
# devenv, and run `devenv up` on the example config.toml (native MariaDB and
# PostgreSQL, no Docker). Safe to run again: a second run finds them running.
# Extra arguments go to `devenv up`; stop the servers with `build/devenv down`.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/bootstrap.sh"
cd "$repo"
exec "${DEVENV_BUILD_DIR:-$repo/build}/devenv" up "$@"
