#!/usr/bin/env bash
# `devenv up` of a 200-migration folder against the same schema as one file (issue 14
# target: within 1.2x). Medians of RUNS cold ups (nothing on disk, data on tmpfs) per
# engine; the generator writes 200 sqlx-style migrations (a table each, every fifth
# one altering an earlier table) and the one file holding the same statements. The
# init cache is off (DEVENV_CACHE_MAX_SIZE=0): every up runs the init it measures.
#   bench/migrations.sh [RUNS]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
devenv=${DEVENV_BUILD_DIR:-$repo/build}/devenv
runs=${1:-5}
count=200

. "$repo/bench/lib.sh"
export DEVENV_CACHE_MAX_SIZE=0

migration() {  # migration ENGINE N → the statements of migration N
  local n=$1 id="bigint PRIMARY KEY" text="text"
  [ "$engine" = mariadb ] && id="BIGINT AUTO_INCREMENT PRIMARY KEY" && text="VARCHAR(200)"
  printf 'CREATE TABLE t_%03d (id %s, name %s NOT NULL, created_at %s, owner_id bigint);\n' \
    "$n" "$id" "$text" "$([ "$engine" = mariadb ] && echo DATETIME || echo timestamptz)"
  printf 'CREATE INDEX t_%03d_name ON t_%03d (name);\n' "$n" "$n"
  if [ $((n % 5)) -eq 0 ] && [ "$n" -gt 5 ]; then
    printf 'ALTER TABLE t_%03d ADD COLUMN note_%03d %s;\n' $((n - 5)) "$n" "$text"
  fi
}

project() {  # project DIR KIND → a config whose one database comes from KIND (folder|file)
  local dir=$1 kind=$2 server=postgres
  [ "$engine" = mariadb ] && server=mysql
  mkdir -p "$dir/migrations"
  : > "$dir/schema.sql"
  for n in $(seq 1 $count); do
    migration "$n" > "$dir/migrations/$(printf '%014d' $((20240000000000 + n)))_m$n.sql"
    migration "$n" >> "$dir/schema.sql"
  done
  local source='migrations = "migrations"'
  [ "$kind" = file ] && source='source = "schema.sql"'
  cat > "$dir/config.toml" <<TOML
[project]
name = "bench-migrations"
data_on_tmpfs = true
[servers.$server]
engine = "$engine"
port = 0
[[databases]]
key = "app"
server = "$server"
$source
TOML
}

cold_up() {  # cold_up DIR → median seconds of RUNS cold ups
  local times=() start
  cd "$1"
  "$devenv" build >/dev/null 2>&1
  for _ in $(seq "$runs"); do
    "$devenv" down --purge >/dev/null 2>&1
    start=$(now_ns)
    "$devenv" up >/dev/null 2>&1 || { echo "bench: up failed in $1" >&2; "$devenv" up; exit 3; }
    times+=("$(elapsed "$start")")
  done
  "$devenv" down --purge >/dev/null 2>&1
  cd /
  printf '%s\n' "${times[@]}" | median
}

"$repo/scripts/bootstrap.sh" >/dev/null
echo "== up of $count migrations vs one file, medians of $runs cold ups (target: within 1.2x)"
for engine in postgres mariadb; do
  folder=$(mktemp -d /tmp/devenv-bench-XXXXXX)
  file=$(mktemp -d /tmp/devenv-bench-XXXXXX)
  project "$folder" folder
  project "$file" file
  a=$(cold_up "$folder")
  b=$(cold_up "$file")
  rm -rf "$folder" "$file"
  printf '%-9s %d migrations %6.2f s   one file %6.2f s   ratio %.2fx\n' "$engine" "$count" "$a" "$b" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN { print a / b }')"
done
