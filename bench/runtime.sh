#!/usr/bin/env bash
# Native runtime timings on the example (issue 3 targets: cold up < 1.5 s, reset < 0.3 s).
# Medians of RUNS runs (default 5) of: cold `up` (no data dir; the init cache of the
# bench's own holds this init, as after `down --purge` or in another clone: see
# bench/by_hand.sh for the other cases), warm `up` (data dir kept, servers stopped),
# `reset` (from the init cache), `down`. Runs on a scratch copy of the example with
# free ports, once with data on disk and once on tmpfs.
#   bench/runtime.sh [RUNS]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
devenv=${DEVENV_BUILD_DIR:-$repo/build}/devenv
runs=${1:-5}

. "$repo/bench/lib.sh"

seconds() {  # seconds COMMAND… → wall time of one run; the command must succeed
  local start
  start=$(now_ns)
  "$@" >/dev/null 2>&1 || { echo "bench: '$*' failed" >&2; exit 3; }
  elapsed "$start"
}

measure() {  # measure LABEL TMPFS
  local dir cold=() warm=() reset=() down=()
  dir=$(mktemp -d /tmp/devenv-bench-XXXXXX)
  cp -r "$repo/config.toml" "$repo/schemas" "$repo/initdb" "$repo/docker-compose.yml" "$dir/"
  sed -i 's/^port = [0-9]*/port = 0/; s/^data_on_tmpfs = .*/data_on_tmpfs = '"$2"'/' "$dir/config.toml"
  cd "$dir"
  export XDG_CACHE_HOME=$dir/cache
  "$devenv" build >/dev/null 2>&1
  "$devenv" up >/dev/null 2>&1  # fills the cache
  for _ in $(seq "$runs"); do
    "$devenv" down --purge >/dev/null 2>&1
    cold+=("$(seconds "$devenv" up)")
    down+=("$(seconds "$devenv" down)")
    warm+=("$(seconds "$devenv" up)")
    reset+=("$(seconds "$devenv" reset)")
  done
  "$devenv" down --purge >/dev/null 2>&1
  cd / && rm -rf "$dir"
  printf '%-22s cold up %6.2f s   warm up %6.2f s   reset %6.2f s   down %6.2f s\n' "$1" \
    "$(printf '%s\n' "${cold[@]}" | median)" "$(printf '%s\n' "${warm[@]}" | median)" \
    "$(printf '%s\n' "${reset[@]}" | median)" "$(printf '%s\n' "${down[@]}" | median)"
}

"$repo/scripts/bootstrap.sh" >/dev/null
echo "== native runtime on the example, medians of $runs runs (targets: cold up < 1.5 s, reset < 0.3 s)"
measure "data on disk" false
measure "data on tmpfs" true
echo "a cold up from the cache ends without a verify (up --verify adds one); for docker compose on the same initdb/, run bench/compose.sh"
