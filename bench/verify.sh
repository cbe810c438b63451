#!/usr/bin/env bash
# devenv verify against the usual alternative, in the same run (issue 4 target:
# under 2 s, and faster than dump-and-diff): one MariaDB server with 256 partition
# databases × 20 tables (5,120 tables). Medians of RUNS runs (default 5) of
#   devenv verify                                      (shadow + bulk catalog reads + compare)
#   mariadb-dump --no-data <256 databases> | diff - baseline   (text comparison with a dump)
#   bench/verify.sh [RUNS]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
devenv=${DEVENV_BUILD_DIR:-$repo/build}/devenv
runs=${1:-5}

. "$repo/bench/lib.sh"

"$repo/scripts/bootstrap.sh" >/dev/null
dir=$(mktemp -d /tmp/devenv-bench-verify-XXXXXX)
export XDG_CACHE_HOME=$dir/cache  # the bench's own init cache, not the user's
trap 'cd "$dir" && "$devenv" down --purge >/dev/null 2>&1; rm -rf "$dir"' EXIT
mkdir -p "$dir/schemas"
for i in $(seq 1 20); do
  cat >>"$dir/schemas/partition.sql" <<SQL
CREATE TABLE t$i (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  workspace_id VARCHAR(256) NOT NULL,
  name VARCHAR(255) NOT NULL DEFAULT 'x',
  meta JSON NULL,
  status ENUM('a', 'b', 'c') NOT NULL DEFAULT 'a',
  created_at BIGINT NOT NULL,
  updated_at TIMESTAMP NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP,
  parent_id BIGINT NULL,
  KEY ws_idx (workspace_id, created_at),
  UNIQUE KEY name_unique (workspace_id, name)$( [ "$i" -gt 1 ] && echo ",
  FOREIGN KEY (parent_id) REFERENCES t$((i - 1)) (id) ON DELETE SET NULL")
);
SQL
done
cat >"$dir/config.toml" <<'TOML'
[project]
data_on_tmpfs = true
[servers.mysql]
engine = "mariadb"
port = 0
root_password = "bench"
[[databases]]
key = "partition"
name = "partition_{n:03}"
count = 256
server = "mysql"
source = "schemas/partition.sql"
TOML
cd "$dir"
start=$(now_ns)
"$devenv" up >/dev/null 2>&1
echo "setup: 256 databases x 20 tables initialised in $(elapsed "$start") s"
port=$("$devenv" status --format json | sed 's/.*"port": \([0-9]*\).*/\1/')
databases=$(seq -f 'partition_%03g' 1 256 | tr '\n' ' ')
dump() { mariadb-dump --no-defaults --protocol=tcp -h127.0.0.1 -P"$port" -uroot -pbench --no-data --skip-dump-date --databases $databases; }
dump >baseline.sql

verify=() dumpdiff=()
for _ in $(seq "$runs"); do
  start=$(now_ns)
  "$devenv" verify >/dev/null 2>&1 || { echo "bench: verify reported drift or failed" >&2; exit 3; }
  verify+=("$(elapsed "$start")")
  start=$(now_ns)
  dump | diff -q - baseline.sql >/dev/null
  dumpdiff+=("$(elapsed "$start")")
done
v=$(printf '%s\n' "${verify[@]}" | median)
d=$(printf '%s\n' "${dumpdiff[@]}" | median)
echo "== verify 256 databases x 20 tables (5,120 tables), medians of $runs runs"
printf 'devenv verify                      %6.3f s   (target < 2 s)\n' "$v"
printf 'mariadb-dump --no-data + diff      %6.3f s\n' "$d"
awk -v v="$v" -v d="$d" 'BEGIN { printf "ratio: devenv verify takes %.2fx the time of dump-and-diff (%s)\n", v / d, v < d ? "faster" : "SLOWER" }'
