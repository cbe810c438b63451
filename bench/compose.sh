#!/usr/bin/env bash
# Compose runtime against the native runtime on the same example and initdb/, in the
# same run: medians of RUNS (default 5) `devenv reset` of both servers each. The
# compose reset is `docker compose down -v` + `up` + waiting until the images' init
# has run (the fingerprint over TCP), with devenv's local images (no registry here).
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

native_times=() compose_times=()
for _ in $(seq "$runs"); do
  start=$(now_ns); (cd "$native" && "$devenv" reset >/dev/null 2>&1); native_times+=("$(elapsed "$start")")
  start=$(now_ns); (cd "$compose" && "$devenv" reset >/dev/null 2>&1); compose_times+=("$(elapsed "$start")")
done
n=$(printf '%s\n' "${native_times[@]}" | median)
c=$(printf '%s\n' "${compose_times[@]}" | median)
echo "== devenv reset of the example (both servers), medians of $runs runs"
printf 'native runtime (snapshot restore)          %7.3f s\n' "$n"
printf 'compose runtime (down -v, up, image init)  %7.3f s\n' "$c"
awk -v n="$n" -v c="$c" 'BEGIN { printf "ratio: compose takes %.1fx the native time\n", c / n }'
