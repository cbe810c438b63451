#!/usr/bin/env bash
# The compose runtime's `devenv reset` of both servers of the example (new volumes, the
# images' init, waiting until each fingerprint answers over TCP), in the same run as:
#   plain compose   `docker-compose down -v && docker-compose up -d` of the same
#                   generated file, then polling both fingerprints with the engines'
#                   clients every 50 ms: what a team does by hand (issue 17 target:
#                   devenv <= 1.0x of it)
#   native runtime  `devenv reset` of the same example, natively (in place)
# min / median / max of RUNS runs (default 5), with devenv's local images (no registry).
#   bench/compose.sh [RUNS]       (needs a Docker engine: tests/docker/engine.sh start DIR)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
devenv=${DEVENV_BUILD_DIR:-$repo/build}/devenv
runs=${1:-5}

. "$repo/bench/lib.sh"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
  shuf -i 20000-30000 -n 1; }

"$repo/scripts/bootstrap.sh" >/dev/null
docker info >/dev/null 2>&1 || { echo "bench: no Docker engine (tests/docker/engine.sh start DIR)" >&2; exit 3; }
"$repo/tests/docker/build_images.sh" >/dev/null

native=$(mktemp -d /tmp/devenv-bench-native-XXXXXX)
export XDG_CACHE_HOME=$native/cache  # the bench's own init cache, not the user's
compose=$(mktemp -d /tmp/devenv-bench-compose-XXXXXX)
trap '(cd "$native" && "$devenv" down --purge >/dev/null 2>&1); (cd "$compose" && "$devenv" down --purge >/dev/null 2>&1); rm -rf "$native" "$compose"' EXIT
for dir in "$native" "$compose"; do cp -r "$repo/config.toml" "$repo/schemas" "$repo/initdb" "$repo/docker-compose.yml" "$dir/"; done
sed -i 's/^port = [0-9]*/port = 0/' "$native/config.toml"
sed -i "s/^name = \"unkey-dev\"/name = \"devenv-bench-$$\"/; s/^runtime = \"native\".*/runtime = \"compose\"\nnetwork_mode = \"host\"/;
        s/^port = 3306/port = $(free_port)/; s/^port = 5432/port = $(free_port)/;
        s|^image = \"mariadb:11\".*|image = \"devenv-test/mariadb:10.11\"|; s|^image = \"postgres:16\"|image = \"devenv-test/postgres:15\"|" \
  "$compose/config.toml"
(cd "$native" && "$devenv" up >/dev/null 2>&1)
(cd "$compose" && "$devenv" up >/dev/null 2>&1)

project=$(grep -m1 '^name = ' "$compose/config.toml" | sed 's/^name = "\(.*\)"/\1/')  # [project]'s, the first
mysql_port=$(sed -n '/^\[servers.mysql\]/,/^\[/s/^port = //p' "$compose/config.toml")
pg_port=$(sed -n '/^\[servers.postgres\]/,/^\[/s/^port = //p' "$compose/config.toml")
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)  # not Debian's Perl wrapper: 80 ms a call
compose_tool=(docker compose)
docker compose version >/dev/null 2>&1 || compose_tool=(docker-compose)
until_answers() {  # COMMAND… polled every 50 ms, for up to 300 s
  for _ in $(seq 6000); do "$@" >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "bench: timed out: $*" >&2; exit 3
}
plain_reset() {
  (cd "$compose" && "${compose_tool[@]}" -p "$project" -f docker-compose.yml down -v >/dev/null 2>&1 &&
    "${compose_tool[@]}" -p "$project" -f docker-compose.yml up -d >/dev/null 2>&1)
  until_answers mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$mysql_port" -uroot -pdevenv-root \
    -e 'SELECT fingerprint FROM _devenv.init_fingerprint'
  until_answers env PGPASSWORD=devenv-root "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
    -Atc 'SELECT fingerprint FROM _devenv.init_fingerprint'
}

native_times=() compose_times=() plain_times=()
for _ in $(seq "$runs"); do
  start=$(now_ns); (cd "$native" && "$devenv" reset >/dev/null 2>&1); native_times+=("$(elapsed "$start")")
  start=$(now_ns); (cd "$compose" && "$devenv" reset >/dev/null 2>&1); compose_times+=("$(elapsed "$start")")
  start=$(now_ns); plain_reset; plain_times+=("$(elapsed "$start")")
done
p=$(printf '%s\n' "${plain_times[@]}" | median)
c=$(printf '%s\n' "${compose_times[@]}" | median)
echo "== reset of the example (both servers), $runs runs: min / median / max"
printf 'plain %-36s %s s\n' "${compose_tool[*]} down -v && up -d" "$(printf '%s\n' "${plain_times[@]}" | spread)"
printf 'devenv reset, compose runtime             %s s   %s\n' "$(printf '%s\n' "${compose_times[@]}" | spread)" \
  "$(awk -v c="$c" -v p="$p" 'BEGIN { printf "%.2fx plain", c / p }')"
printf 'devenv reset, native runtime (in place)   %s s\n' "$(printf '%s\n' "${native_times[@]}" | spread)"
