#!/usr/bin/env bash
# Issue 19: how long from saving a schema file until the database has the change,
# with `devenv watch` running, beside the same edit applied by hand in the same run
# (`devenv build && devenv reset` typed after the save, as before `watch`).
#   watch: save → table in the database   schemas/main.sql gains a table; the time until
#                                          a client sees it (target: within 2 s)
#   by hand: build && reset                the same edit, the two commands' wall time
# The example on free ports, data on tmpfs; min / median / max of RUNS saves each
# (default 7), and the medians' ratio.
#   bench/watch.sh [RUNS]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
devenv=${DEVENV_BUILD_DIR:-$repo/build}/devenv
runs=${1:-7}

. "$repo/bench/lib.sh"

project=$(mktemp -d /tmp/devenv-bench-XXXXXX)
watch_pid=""
cleanup() {
  [ -n "$watch_pid" ] && kill -INT "$watch_pid" 2>/dev/null && wait "$watch_pid" 2>/dev/null
  (cd "$project" && "$devenv" down --purge >/dev/null 2>&1)
  rm -rf "$project"
}
trap cleanup EXIT

cp -r "$repo/config.toml" "$repo/schemas" "$repo/initdb" "$repo/docker-compose.yml" "$project/"
sed -i 's/^port = [0-9]*/port = 0/; s/^data_on_tmpfs = .*/data_on_tmpfs = true/' "$project/config.toml"
export XDG_CACHE_HOME=$project/cache
cd "$project"
"$devenv" up >/dev/null 2>&1
port=$("$devenv" status --format json 2>/dev/null | python3 -c \
  'import json, sys; print([s["port"] for s in json.load(sys.stdin)["servers"] if s["name"] == "mysql"][0])')

has_table() {  # NAME → exit 0 once unkey has it
  [ "$(MYSQL_PWD=devenv-root mariadb -h 127.0.0.1 -P "$port" -u root -N -e \
    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'unkey' AND table_name = '$1'")" = 1 ]
}

save_with_table() {  # NAME: main.sql as committed, plus that one table
  cp "$repo/schemas/main.sql" schemas/main.sql.new
  echo "CREATE TABLE $1 (id int PRIMARY KEY);" >>schemas/main.sql.new
  mv schemas/main.sql.new schemas/main.sql  # as editors save: a new file renamed over the old
}

watched=() by_hand=()
"$devenv" watch >watch.log 2>&1 &
watch_pid=$!
until grep -q "Ctrl-C stops watching" watch.log; do sleep 0.05; done
for i in $(seq "$runs"); do
  start=$(now_ns)
  save_with_table "bench_watch_$i"
  until has_table "bench_watch_$i"; do sleep 0.01; done
  watched+=("$(elapsed "$start")")
  sleep 0.5  # the round is over: its line printed, the lock released
done
kill -INT "$watch_pid" && wait "$watch_pid" || true
watch_pid=""
rounds=$(grep -c "schemas/main.sql → mysql: reset in place" watch.log || true)

for i in $(seq "$runs"); do
  save_with_table "bench_hand_$i"
  start=$(now_ns)
  "$devenv" build >/dev/null 2>&1 && "$devenv" reset >/dev/null 2>&1
  by_hand+=("$(elapsed "$start")")
  has_table "bench_hand_$i" || { echo "bench: the reset by hand did not apply the edit" >&2; exit 3; }
done

watch_median=$(printf '%s\n' "${watched[@]}" | median)
hand_median=$(printf '%s\n' "${by_hand[@]}" | median)
echo "-- the example on tmpfs, $runs saves of schemas/main.sql      min / median / max"
printf '  %-40s %s s\n' "watch: save → table in the database" "$(printf '%s\n' "${watched[@]}" | spread)"
printf '  %-40s %s s\n' "by hand: devenv build && devenv reset" "$(printf '%s\n' "${by_hand[@]}" | spread)"
awk -v w="$watch_median" -v h="$hand_median" -v r="$rounds" -v n="$runs" \
  'BEGIN { printf "  watch median / by hand median: %.2fx; %d rounds for %d saves; target: within 2 s\n", w / h, r, n }'
