#!/usr/bin/env bash
# Issue 20: a SQLite server (examples/sqlite: three databases), beside the same work by
# hand with the sqlite3 shell in the same run.
#   devenv up (fresh)           every file made from its init file
#   by hand: sqlite3 < files    the three init files run into new files by the shell
#   devenv reset                fresh copies of the three, swapped in by rename
#   by hand: rm + sqlite3 <     what a reset replaces, typed
# min / median / max of RUNS runs each (default 7), and the medians' ratios.
#   bench/sqlite.sh [RUNS]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
devenv=${DEVENV_BUILD_DIR:-$repo/build}/devenv
runs=${1:-7}

. "$repo/bench/lib.sh"

project=$(mktemp -d /tmp/devenv-bench-XXXXXX)
cleanup() {
  (cd "$project" && "$devenv" down --purge >/dev/null 2>&1)
  rm -rf "$project"
}
trap cleanup EXIT
cp -r "$repo/examples/sqlite/config.toml" "$repo/examples/sqlite/schemas" "$project/"
cd "$project"
"$devenv" build >/dev/null 2>&1

by_hand_make() {  # FOLDER: the init files run into new files there
  mkdir -p "$1"
  for file in initdb/lite/*-schema.sql; do
    name=${file##*/[0-9][0-9]-}
    sqlite3 -bail "$1/${name%-schema.sql}.db" <"$file"
  done
}

up=() hand_up=() reset=() hand_reset=()
for _ in $(seq "$runs"); do
  "$devenv" down --purge >/dev/null 2>&1
  start=$(now_ns)
  "$devenv" up >/dev/null 2>&1
  up+=("$(elapsed "$start")")
  rm -rf hand
  start=$(now_ns)
  by_hand_make hand
  hand_up+=("$(elapsed "$start")")
done
for _ in $(seq "$runs"); do
  start=$(now_ns)
  "$devenv" reset >/dev/null 2>&1
  reset+=("$(elapsed "$start")")
  start=$(now_ns)
  rm -f hand/*.db && by_hand_make hand
  hand_reset+=("$(elapsed "$start")")
done

echo "-- examples/sqlite (3 databases), $runs runs each                 min / median / max"
printf '  %-44s %s s\n' "devenv up (fresh)" "$(printf '%s\n' "${up[@]}" | spread)"
printf '  %-44s %s s\n' "by hand: sqlite3 < each init file" "$(printf '%s\n' "${hand_up[@]}" | spread)"
printf '  %-44s %s s\n' "devenv reset" "$(printf '%s\n' "${reset[@]}" | spread)"
printf '  %-44s %s s\n' "by hand: rm, then sqlite3 < each init file" "$(printf '%s\n' "${hand_reset[@]}" | spread)"
echo "  up / by hand: $(median_ratio 'up[@]' 'hand_up[@]'); reset / by hand: $(median_ratio 'reset[@]' 'hand_reset[@]')"
