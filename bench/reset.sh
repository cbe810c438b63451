#!/usr/bin/env bash
# Issue 17's reset rows, each against a cold init of the example by hand in the same
# run (bench/hand.sh: install-db and initdb, both servers started once, the clients
# loading initdb/), on tmpfs and on disk:
#   reset, nothing edited          every database back to what the init made, in place
#                                  (targets: <= 0.10x the hand run)
#   reset after a schema edit      schemas/main.sql edited (a table added, then taken
#                                  away again): only `unkey` is rebuilt, the other
#                                  databases keep their rows (target: <= 0.20x)
#   reset, the first after up      the same, on data dirs fresh from `up`: PostgreSQL
#                                  makes its databases from their files this once, and
#                                  keeps pristine copies for the resets after it
#   reset, data dir copied         the servers stopped first: the data dirs come from
#                                  the init cache, as before issue 17 (for reference)
# min / median / max of RUNS runs each (default 5), and median / the hand run's median.
#   bench/reset.sh [RUNS]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
devenv=${DEVENV_BUILD_DIR:-$repo/build}/devenv
runs=${1:-5}

. "$repo/bench/lib.sh"
. "$repo/bench/hand.sh"

project=""
trap '[ -n "$project" ] && (cd "$project" && "$devenv" down --purge >/dev/null 2>&1); rm -rf "$project" "${disk_base:-}"' EXIT

seconds() {  # COMMAND… in $project → wall time of one run; the command must succeed
  local start
  start=$(now_ns)
  (cd "$project" && "$@" >/dev/null 2>&1) || { echo "bench: '$*' failed in $project" >&2; exit 3; }
  elapsed "$start"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
row() {  # LABEL TIMES… → one line: min / median / max and the ratio to the hand run
  local label=$1 m
  shift
  m=$(printf '%s\n' "$@" | median)
  printf '  %-44s %s s   %s\n' "$label" "$(printf '%s\n' "$@" | spread)" "$(ratio "$m" "$hand_median")"
}

# One schema edit after another: a table added to schemas/main.sql, then taken away.
edit_main() {
  if grep -q '^CREATE TABLE bench_edit' "$project/schemas/main.sql"; then
    sed -i '/^CREATE TABLE bench_edit/d' "$project/schemas/main.sql"
  else
    echo "CREATE TABLE bench_edit (id int PRIMARY KEY);" >>"$project/schemas/main.sql"
  fi
}

measure() {  # LABEL TMPFS HAND_BASE
  local hand=() first=() same=() edited=() copied=()
  project=$(mktemp -d /tmp/devenv-bench-XXXXXX)
  cp -r "$repo/config.toml" "$repo/schemas" "$repo/initdb" "$repo/docker-compose.yml" "$project/"
  sed -i 's/^port = [0-9]*/port = 0/; s/^data_on_tmpfs = .*/data_on_tmpfs = '"$2"'/' "$project/config.toml"
  export XDG_CACHE_HOME=$project/cache  # the bench's own init cache
  seconds "$devenv" up >/dev/null
  for _ in 1 2; do  # both versions of main.sql into the cache: every copy below is a hit
    edit_main
    seconds "$devenv" down >/dev/null
    seconds "$devenv" reset >/dev/null
  done
  for _ in $(seq "$runs"); do
    hand+=("$(by_hand "$3")")
    seconds "$devenv" down --purge >/dev/null
    seconds "$devenv" up >/dev/null
    first+=("$(seconds "$devenv" reset)")
    same+=("$(seconds "$devenv" reset)")
    seconds "$devenv" down >/dev/null
    copied+=("$(seconds "$devenv" reset)")
    edit_main
    edited+=("$(seconds "$devenv" reset)")
  done
  (cd "$project" && "$devenv" down --purge >/dev/null 2>&1)
  rm -rf "$project"
  project=""
  hand_median=$(printf '%s\n' "${hand[@]}" | median)
  echo "-- $1                                        min / median / max      / by hand"
  printf '  %-44s %s s\n' "by hand: a cold init of both servers" "$(printf '%s\n' "${hand[@]}" | spread)"
  row "devenv reset, nothing edited (in place)" "${same[@]}"
  row "devenv reset, the first after up" "${first[@]}"
  row "devenv reset after editing schemas/main.sql" "${edited[@]}"
  row "devenv reset of stopped servers (cache copy)" "${copied[@]}"
}

"$repo/scripts/bootstrap.sh" >/dev/null
disk_base=$(mktemp -d /tmp/devenv-bench-disk-XXXXXX)
chmod 755 "$disk_base"
echo "== devenv reset of the example, $runs runs each (issue 17 targets: nothing edited <= 0.10x, one schema edited <= 0.20x)"
measure "data on tmpfs" true /dev/shm
measure "data on disk (data_on_tmpfs = false)" false "$disk_base"
