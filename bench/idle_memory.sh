#!/usr/bin/env bash
# Issue 16's idle memory: the example's servers after `devenv up` and a few seconds
# idle, against the same servers started by hand with the engines' own memory
# defaults (as devenv ran them before: a 32M buffer pool), in the same run. Two
# figures per server: RSS summed over its processes (as ps shows them; PostgreSQL's
# shared memory counts once per process) and PSS (shared pages split among their
# users: what the machine really gives). Medians of RUNS runs (default 3).
#   bench/idle_memory.sh [RUNS]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
devenv=${DEVENV_BUILD_DIR:-$repo/build}/devenv
runs=${1:-3}
idle_seconds=3

. "$repo/bench/lib.sh"
hand_mariadb_flags="--innodb-buffer-pool-size=32M"  # what devenv passed before issue 16
hand_postgres_flags="-c fsync=off"
. "$repo/bench/hand.sh"

family() { echo "$1"; pgrep -P "$1" || true; }  # a server's processes: it and its children
kib_sum() {  # FIELD FILE PID… → MiB: the field summed over the processes
  local field=$1 file=$2 total=0 value
  shift 2
  for pid in "$@"; do
    value=$(awk -v f="$field:" '$1 == f { print $2 }' "/proc/$pid/$file" 2>/dev/null || true)
    total=$((total + ${value:-0}))
  done
  echo $((total / 1024))
}
memory() {  # PID → "RSS PSS" in MiB over its family
  local pids
  pids=$(family "$1")
  # shellcheck disable=SC2086
  echo "$(kib_sum VmRSS status $pids) $(kib_sum Pss smaps_rollup $pids)"
}
status_pid() {  # PROJECT SERVER
  (cd "$1" && XDG_CACHE_HOME=$1/cache "$devenv" status --format json) | tr -d '\n ' |
    grep -o "\"name\":\"$2\"[^}]*" | sed 's/.*"pid":\([0-9]*\).*/\1/'
}

"$repo/scripts/bootstrap.sh" >/dev/null
project=$(mktemp -d /tmp/devenv-bench-XXXXXX)
cp -r "$repo/config.toml" "$repo/schemas" "$repo/initdb" "$repo/docker-compose.yml" "$project/"
sed -i 's/^port = [0-9]*/port = 0/; s/^data_on_tmpfs = .*/data_on_tmpfs = true/' "$project/config.toml"
(cd "$project" && "$devenv" build >/dev/null 2>&1)
declare -a tool_my_rss tool_my_pss tool_pg_rss tool_pg_pss hand_my_rss hand_my_pss hand_pg_rss hand_pg_pss
for _ in $(seq "$runs"); do
  (cd "$project" && XDG_CACHE_HOME=$project/cache "$devenv" down --purge >/dev/null 2>&1)
  (cd "$project" && XDG_CACHE_HOME=$project/cache "$devenv" up >/dev/null 2>&1)
  sleep "$idle_seconds"
  read -r rss pss <<<"$(memory "$(status_pid "$project" mysql)")"; tool_my_rss+=("$rss"); tool_my_pss+=("$pss")
  read -r rss pss <<<"$(memory "$(status_pid "$project" postgres)")"; tool_pg_rss+=("$rss"); tool_pg_pss+=("$pss")
  (cd "$project" && XDG_CACHE_HOME=$project/cache "$devenv" down >/dev/null 2>&1)

  dir=$(mktemp -d /dev/shm/devenv-bench-hand-XXXXXX)
  chmod 755 "$dir"
  start_by_hand "$dir"
  sleep "$idle_seconds"
  read -r rss pss <<<"$(memory "$(cat "$dir/mysql/pid")")"; hand_my_rss+=("$rss"); hand_my_pss+=("$pss")
  read -r rss pss <<<"$(memory "$(head -1 "$dir/pg/data/postmaster.pid")")"; hand_pg_rss+=("$rss"); hand_pg_pss+=("$pss")
  stop_by_hand "$dir"
done
(cd "$project" && XDG_CACHE_HOME=$project/cache "$devenv" down --purge >/dev/null 2>&1)
rm -rf "$project"
med() { printf '%s\n' "$@" | median; }
echo "== idle memory of the example's servers after ${idle_seconds} s, MiB, medians of $runs runs"
printf '%-44s %8s %8s   %8s %8s\n' "" "MariaDB" "" "Postgres" ""
printf '%-44s %8s %8s   %8s %8s\n' "" "RSS" "PSS" "RSS" "PSS"
printf '%-44s %8s %8s   %8s %8s\n' "engines' defaults (devenv before issue 16)" "$(med "${hand_my_rss[@]}")" \
  "$(med "${hand_my_pss[@]}")" "$(med "${hand_pg_rss[@]}")" "$(med "${hand_pg_pss[@]}")"
printf '%-44s %8s %8s   %8s %8s\n' "devenv up (its small settings)" "$(med "${tool_my_rss[@]}")" \
  "$(med "${tool_my_pss[@]}")" "$(med "${tool_pg_rss[@]}")" "$(med "${tool_pg_pss[@]}")"
