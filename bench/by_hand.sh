#!/usr/bin/env bash
# Issue 16's comparison: a cold `devenv up` of the example against doing the same work by
# hand in the same run: mariadb-install-db and initdb with tuned flags, both servers
# started once and in parallel, the generated initdb/ files loaded by the engines' own
# clients (one session per file, as the official images do). On tmpfs and on disk
# (data_on_tmpfs = false), devenv three ways, each with a cache of the bench's own:
#   init not cached   this machine has the bare data dirs, not this init (a new
#                     schema; each run changes root's password, which is in the key)
#   init cached       the same init files ran before (another clone, after
#                     `down --purge`, CI): the data dirs are copied from the cache
#   nothing cached    the first `up` on a machine: an empty cache
# Medians of RUNS runs (default 5) of each, and the ratio devenv / by hand.
#   bench/by_hand.sh [RUNS]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
devenv=${DEVENV_BUILD_DIR:-$repo/build}/devenv
runs=${1:-5}

. "$repo/bench/lib.sh"
. "$repo/bench/hand.sh"

devenv_cold_up() {  # PROJECT CACHE [PASSWORD] → seconds of one cold up (no data dir)
  local start
  (cd "$1" && XDG_CACHE_HOME=$2 "$devenv" down --purge >/dev/null 2>&1)
  start=$(now_ns)
  (cd "$1" && XDG_CACHE_HOME=$2 DEVENV_MYSQL_ROOT_PASSWORD=${3:-devenv-root} DEVENV_PG_ROOT_PASSWORD=${3:-devenv-root} \
    "$devenv" up >/dev/null 2>&1) || { echo "bench: devenv up failed in $1" >&2; exit 3; }
  elapsed "$start"
}

new_project() {  # TMPFS → a scratch copy of the example with free ports
  local dir
  dir=$(mktemp -d /tmp/devenv-bench-XXXXXX)
  cp -r "$repo/config.toml" "$repo/schemas" "$repo/initdb" "$repo/docker-compose.yml" "$dir/"
  sed -i 's/^port = [0-9]*/port = 0/; s/^data_on_tmpfs = .*/data_on_tmpfs = '"$1"'/' "$dir/config.toml"
  (cd "$dir" && "$devenv" build >/dev/null 2>&1)
  echo "$dir"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
med() { printf '%s\n' "$@" | median; }

bench_project=""
# A failing run must not leave servers behind: the project's are stopped and purged.
trap '[ -n "$bench_project" ] && (cd "$bench_project" && "$devenv" down --purge >/dev/null 2>&1); rm -rf "$bench_project" "${disk_base:-}"' EXIT

compare() {  # LABEL TMPFS HAND_BASE
  local project cache hand=() missed=() cached=() first=() h
  project=$(new_project "$2")
  bench_project=$project
  cache=$project/cache
  devenv_cold_up "$project" "$cache" >/dev/null  # the bare data dirs and this init, cached
  for run in $(seq "$runs"); do
    hand+=("$(by_hand "$3")")
    missed+=("$(devenv_cold_up "$project" "$cache" "bench-$run-$RANDOM")")
    cached+=("$(devenv_cold_up "$project" "$cache")")
    first+=("$(devenv_cold_up "$project" "$project/empty-cache-$run")")
  done
  (cd "$project" && XDG_CACHE_HOME=$cache "$devenv" down --purge >/dev/null 2>&1)
  rm -rf "$project"
  bench_project=""
  h=$(med "${hand[@]}")
  echo "-- $1"
  printf '  by hand (install-db + initdb, one start each, the clients load initdb/)  %6.2f s\n' "$h"
  printf '  devenv up, init not cached (bare data dirs cached)                      %6.2f s   %s\n' \
    "$(med "${missed[@]}")" "$(ratio "$(med "${missed[@]}")" "$h")"
  printf '  devenv up, init cached (another clone, after down --purge)              %6.2f s   %s\n' \
    "$(med "${cached[@]}")" "$(ratio "$(med "${cached[@]}")" "$h")"
  printf '  devenv up, nothing cached (the first up on this machine)                %6.2f s   %s\n' \
    "$(med "${first[@]}")" "$(ratio "$(med "${first[@]}")" "$h")"
}

"$repo/scripts/bootstrap.sh" >/dev/null
disk_base=$(mktemp -d /tmp/devenv-bench-disk-XXXXXX)
chmod 755 "$disk_base"
echo "== cold up of the example, medians of $runs runs; devenv / by hand (issue 16 targets: init not cached <= 0.6x, init cached <= 0.35x)"
compare "data on tmpfs" true /dev/shm
compare "data on disk (data_on_tmpfs = false)" false "$disk_base"
rm -rf "$disk_base"
