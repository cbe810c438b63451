#!/usr/bin/env bash
# Issue 21: a shared server (runtime = "remote") with 999 partitions. A MariaDB started
# by devenv's native runtime on a private port plays the team's server; a second
# config reaches it as a developer would (prefix bench_). Measured in the same run:
#   devenv up --jobs 8     1001 databases made, 8 connections at a time
#   devenv up --jobs 1     the same, one database after another (the comparison)
#   devenv reset (none changed)   what a reset costs when no source changed
# each after `down --purge`; min / median / max of RUNS runs each (default 3).
#   bench/remote.sh [RUNS] [PARTITIONS]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
devenv=${DEVENV_BUILD_DIR:-$repo/build}/devenv
runs=${1:-3}
partitions=${2:-999}

. "$repo/bench/lib.sh"

work=$(mktemp -d /tmp/devenv-bench-XXXXXX)
cleanup() {
  (cd "$work/remote" && "$devenv" down --purge >/dev/null 2>&1) || true
  (cd "$work/server" && "$devenv" down --purge >/dev/null 2>&1) || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/server" "$work/remote"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

cat >"$work/server/config.toml" <<TOML
[project]
data_on_tmpfs = true
[servers.team]
engine = "mariadb"
port = $port
root_password = "team-root"
settings = { max_connections = 200 }
[[databases]]
key = "placeholder"
server = "team"
source = "t.sql"
TOML
echo "CREATE TABLE t (a INT);" >"$work/server/t.sql"
(cd "$work/server" && "$devenv" up >/dev/null 2>&1)

cp "$repo/schemas/main.sql" "$repo/schemas/partition.sql" "$work/remote/"
cat >"$work/remote/config.toml" <<TOML
[project]
runtime = "remote"
[servers.shared]
engine = "mariadb"
url = "mysql://root:team-root@127.0.0.1:$port"
prefix = "bench_"
[[databases]]
key = "main"
server = "shared"
source = "main.sql"
[[databases]]
key = "partition"
name = "partition_{n:04}"
count = $partitions
server = "shared"
source = "partition.sql"
[[users]]
name = "app"
password = "app"
server = "shared"
databases = ["main", "partition"]
TOML
cd "$work/remote"
"$devenv" build >/dev/null 2>&1

jobs8=() jobs1=() reset=()
for _ in $(seq "$runs"); do
  "$devenv" down --purge >/dev/null 2>&1
  start=$(now_ns)
  "$devenv" up --jobs 8 >/dev/null 2>&1
  jobs8+=("$(elapsed "$start")")
  start=$(now_ns)
  "$devenv" reset >/dev/null 2>&1 || true
  reset+=("$(elapsed "$start")")
  "$devenv" down --purge >/dev/null 2>&1
  start=$(now_ns)
  "$devenv" up --jobs 1 >/dev/null 2>&1
  jobs1+=("$(elapsed "$start")")
done

echo "-- a shared MariaDB, $((partitions + 1)) databases (prefix bench_), $runs runs each   min / median / max"
printf '  %-44s %s s\n' "devenv up --jobs 8" "$(printf '%s\n' "${jobs8[@]}" | spread)"
printf '  %-44s %s s\n' "devenv up --jobs 1 (one after another)" "$(printf '%s\n' "${jobs1[@]}" | spread)"
printf '  %-44s %s s\n' "devenv reset (all $((partitions + 1)) made again)" "$(printf '%s\n' "${reset[@]}" | spread)"
echo "  --jobs 8 / --jobs 1: $(median_ratio 'jobs8[@]' 'jobs1[@]')"
