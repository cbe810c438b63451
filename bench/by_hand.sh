#!/usr/bin/env bash
# Issue 16's comparison: a cold `devenv up` of the example against doing the same work by
# hand in the same run: mariadb-install-db and initdb with tuned flags, both servers
# started once and in parallel on tmpfs, the generated initdb/ files loaded by the
# engines' own clients (one session per file, as the official images do). Medians of
# RUNS runs (default 5) of each, and the ratio devenv / by hand.
#   bench/by_hand.sh [RUNS]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
devenv=${DEVENV_BUILD_DIR:-$repo/build}/devenv
runs=${1:-5}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

. "$repo/bench/lib.sh"

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() {  # a port nothing answers on
  local port
  while :; do
    port=$((30000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
wait_for() { for _ in $(seq 300); do "$@" >/dev/null 2>&1 && return 0; sleep 0.01; done; echo "bench: timed out: $*" >&2; exit 3; }

mariadb_by_hand() {  # DIR: install, start, load initdb/mysql, leave it running
  local dir=$1 port user=()
  port=$(free_port)
  [ "$(id -u)" -eq 0 ] && user=(--user=root)
  mkdir -p "$dir/tmp"
  mariadb-install-db --no-defaults "${user[@]}" --datadir="$dir/data" --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve --innodb-log-file-size=8M --tmpdir="$dir/tmp" >/dev/null 2>&1
  setsid mariadbd --no-defaults "${user[@]}" --datadir="$dir/data" --socket="$dir/sock" --port="$port" \
    --bind-address=127.0.0.1 --tmpdir="$dir/tmp" --pid-file="$dir/pid" --skip-name-resolve --skip-log-bin \
    --innodb-buffer-pool-size=32M --innodb-log-file-size=8M --innodb-flush-log-at-trx-commit=0 \
    --innodb-doublewrite=0 </dev/null >/dev/null 2>&1 &
  wait_for mariadb --no-defaults -S "$dir/sock" -uroot -e 'SELECT 1'
  for file in "$repo"/initdb/mysql/*.sql; do mariadb --no-defaults -S "$dir/sock" -uroot <"$file"; done
}

postgres_by_hand() {  # DIR: initdb, start, load initdb/postgres, leave it running
  local dir=$1 port
  port=$(free_port)
  mkdir -p "$dir" && [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  as_pg "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync --encoding=UTF8 --locale=C.UTF-8 \
    >/dev/null 2>&1
  as_pg setsid "$pg_bin/postgres" -D "$dir/data" -p "$port" -k "$dir" -c listen_addresses=127.0.0.1 \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off </dev/null >/dev/null 2>&1 &
  wait_for as_pg psql -h "$dir" -p "$port" -U postgres -d postgres -c 'SELECT 1'
  for file in "$repo"/initdb/postgres/*.sql; do
    as_pg psql -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres -f "$file" >/dev/null
  done
}

stop_by_hand() {  # DIR: the two servers it started, by their pid files
  local dir=$1
  [ -f "$dir/mysql/pid" ] && kill "$(cat "$dir/mysql/pid")" 2>/dev/null || true
  [ -f "$dir/pg/data/postmaster.pid" ] && kill -INT "$(head -1 "$dir/pg/data/postmaster.pid")" 2>/dev/null || true
  for _ in $(seq 500); do
    [ -S "$dir/mysql/sock" ] || [ -f "$dir/pg/data/postmaster.pid" ] || break
    sleep 0.01
  done
  rm -rf "$dir"
}

by_hand() {  # → seconds of one run, both servers in parallel
  local dir start seconds
  dir=$(mktemp -d /dev/shm/devenv-bench-hand-XXXXXX)
  chmod 755 "$dir"
  start=$(now_ns)
  mariadb_by_hand "$dir/mysql" & postgres_by_hand "$dir/pg" & wait %1 && wait %2
  seconds=$(elapsed "$start")
  stop_by_hand "$dir"
  echo "$seconds"
}

devenv_cold_up() {  # DIR → seconds of one cold up (nothing on disk)
  local start
  (cd "$1" && "$devenv" down --purge >/dev/null 2>&1)
  start=$(now_ns)
  (cd "$1" && "$devenv" up >/dev/null 2>&1) || { echo "bench: devenv up failed" >&2; exit 3; }
  elapsed "$start"
}

"$repo/scripts/bootstrap.sh" >/dev/null
project=$(mktemp -d /tmp/devenv-bench-XXXXXX)
cp -r "$repo/config.toml" "$repo/schemas" "$repo/initdb" "$repo/docker-compose.yml" "$project/"
sed -i 's/^port = [0-9]*/port = 0/; s/^data_on_tmpfs = .*/data_on_tmpfs = true/' "$project/config.toml"
(cd "$project" && "$devenv" build >/dev/null 2>&1)
hand=() tool=()
for _ in $(seq "$runs"); do
  hand+=("$(by_hand)")
  tool+=("$(devenv_cold_up "$project")")
done
(cd "$project" && "$devenv" down --purge >/dev/null 2>&1)
rm -rf "$project"
h=$(printf '%s\n' "${hand[@]}" | median)
d=$(printf '%s\n' "${tool[@]}" | median)
echo "== cold up of the example on tmpfs, medians of $runs runs (issue 16 target: devenv <= 0.6x by hand)"
printf 'by hand (install-db + initdb, one start each, the clients load initdb/)  %6.2f s\n' "$h"
printf 'devenv up (cold: nothing on disk, ends with its verify)                 %6.2f s   %.2fx\n' "$d" \
  "$(awk -v a="$d" -v b="$h" 'BEGIN { print a / b }')"
