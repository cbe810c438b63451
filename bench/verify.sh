#!/usr/bin/env bash
# devenv verify against the bare catalog reads it cannot avoid, in the same run
# (issue 17 targets: <= 1.1x, and devenv's own peak RSS <= 30 MiB), and against
# dump-and-diff (issue 4). Two projects, each one server:
#
#   MariaDB     256 partition databases x 20 tables (5,120 tables), one [[databases]]
#               entry with count = 256
#   PostgreSQL  40 databases x 50 tables (2,000 tables), one [[databases]] entry with
#               count = 40
#
# For each, in every run, one after the other:
#   devenv verify         shadow load + catalog reads of the live and shadow databases
#                         + compare; its wall time and peak RSS (/usr/bin/time -f %M)
#   bulk catalog read     the engine's own client running, in one session, the catalog
#                         queries a verify needs for the live databases, output thrown
#                         away:
#     MariaDB (mariadb -B -N, all 256 databases in each query's IN list):
#       information_schema.SCHEMATA (the server's user databases, and those asked for),
#       TABLES, PARTITIONS, COLUMNS, CHECK_CONSTRAINTS, STATISTICS, KEY_COLUMN_USAGE,
#       REFERENTIAL_CONSTRAINTS, VIEWS, TRIGGERS, PARAMETERS, ROUTINES, EVENTS
#     PostgreSQL (psql -X -q -A -t, \connect to each of the 40 databases in turn, then
#       per database): pg_namespace; pg_class tables (comment, partitioning, RLS);
#       pg_attribute columns (format_type, pg_get_expr defaults, identity sequences,
#       collations, comments); pg_constraint (pg_get_constraintdef); pg_index
#       (pg_get_indexdef); views (pg_get_viewdef); pg_trigger (pg_get_triggerdef);
#       pg_proc (pg_get_functiondef); pg_sequence; pg_enum; domains and their checks;
#       pg_policies; pg_description comments; pg_extension — plus pg_database once.
#   dump and diff         MariaDB only: mariadb-dump --no-data of the 256 databases,
#                         diffed with a baseline dump (issue 4's comparison)
# and prints min / median / max of each, the ratios of the medians, and devenv's peak
# RSS. The queries are the ones src/catalog/inspect_*.cpp send (keep them in step).
#   bench/verify.sh [RUNS] [mariadb|postgres|all]     (default 5 all)
# Environment: DEVENV (a devenv binary to measure; default: build, then build/devenv),
# BENCH_TMP (where the projects go, default /tmp), BENCH_MYSQL_PORT, BENCH_PG_PORT
# (default 0: a free port).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-5}
which_engines=${2:-all}

. "$repo/bench/lib.sh"

if [ -n "${DEVENV:-}" ]; then
  devenv=$DEVENV
else
  devenv=${DEVENV_BUILD_DIR:-$repo/build}/devenv
  "$repo/scripts/bootstrap.sh" >/dev/null
fi
base=$(mktemp -d "${BENCH_TMP:-/tmp}/devenv-bench-verify-XXXXXX")
export XDG_CACHE_HOME=$base/cache  # the bench's own init cache, not the user's
projects=()
cleanup() {
  local p
  for p in "${projects[@]}"; do (cd "$p" && "$devenv" down --purge >/dev/null 2>&1) || true; done
  rm -rf "$base"
}
trap cleanup EXIT

stats() {  # VALUE… → "min median max"
  printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[1], a[int((NR + 1) / 2)], a[NR] }'
}
row() {  # LABEL UNIT VALUE…
  local label=$1 unit=$2
  shift 2
  read -r lo mid hi < <(stats "$@")
  printf '  %-44s min %7.3f  median %7.3f  max %7.3f %s\n' "$label" "$lo" "$mid" "$hi" "$unit"
}
med() { stats "$@" | awk '{ print $2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

# One devenv verify in PROJECT: appends its seconds to verify_s and its peak RSS (MiB) to rss_mib.
timed_verify() {
  local start rss
  start=$(now_ns)
  (cd "$1" && /usr/bin/time -o "$base/rss" -f %M "$devenv" verify >/dev/null 2>"$base/verify.err") || {
    echo "bench: verify reported drift or failed in $1:" >&2
    cat "$base/verify.err" >&2
    exit 3
  }
  verify_s+=("$(elapsed "$start")")
  rss=$(tail -n 1 "$base/rss")
  rss_mib+=("$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')")
}

new_project() {  # DIR ENGINE PORT KEY NAME COUNT: one server, one template of COUNT databases
  mkdir -p "$1/schemas"
  cat >"$1/config.toml" <<TOML
[project]
data_on_tmpfs = true
[servers.db]
engine = "$2"
port = $3
root_password = "bench"
[[databases]]
key = "$4"
name = "$5"
count = $6
server = "db"
source = "schemas/$4.sql"
TOML
  projects+=("$1")
}

server_port() { (cd "$1" && "$devenv" status --format json) | tr -d '\n ' | sed 's/.*"port":\([0-9]*\).*/\1/'; }

# ---------------------------------------------------------------------------- MariaDB
bench_mariadb() {
  local dir port start databases in
  dir=$base/mariadb
  new_project "$dir" mariadb "${BENCH_MYSQL_PORT:-0}" partition 'partition_{n:03}' 256
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
  start=$(now_ns)
  (cd "$dir" && "$devenv" up >/dev/null 2>&1) || { echo "bench: devenv up failed in $dir" >&2; exit 3; }
  echo "setup: MariaDB, 256 databases x 20 tables initialised in $(elapsed "$start") s"
  port=$(server_port "$dir")
  databases=$(seq -f 'partition_%03g' 1 256 | tr '\n' ' ')
  in=$(seq -f "'partition_%03g'" 1 256 | paste -sd, | sed 's/,/, /g')
  client() { MYSQL_PWD=bench mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$port" -uroot "$@"; }
  cat >"$dir/catalog.sql" <<SQL
SELECT VERSION();
SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys') AND SCHEMA_NAME NOT LIKE '\\_devenv%' ORDER BY SCHEMA_NAME;
SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN ($in) ORDER BY CAST(SCHEMA_NAME AS BINARY);
SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, TABLE_COMMENT, CREATE_OPTIONS FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ($in) ORDER BY CAST(TABLE_SCHEMA AS BINARY);
SELECT TABLE_SCHEMA, TABLE_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, PARTITION_NAME, PARTITION_DESCRIPTION FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA IN ($in) AND PARTITION_NAME IS NOT NULL ORDER BY CAST(TABLE_SCHEMA AS BINARY), TABLE_NAME, PARTITION_ORDINAL_POSITION;
SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, COLUMN_TYPE, CHARACTER_SET_NAME, COLLATION_NAME, EXTRA, COLUMN_COMMENT, GENERATION_EXPRESSION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN ($in) ORDER BY CAST(TABLE_SCHEMA AS BINARY), TABLE_NAME, ORDINAL_POSITION;
SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN ($in) ORDER BY CAST(CONSTRAINT_SCHEMA AS BINARY), TABLE_NAME, CONSTRAINT_NAME;
SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME, ORDINAL_POSITION FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA IN ($in) AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY CAST(TABLE_SCHEMA AS BINARY), TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION;
SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN ($in) ORDER BY CAST(CONSTRAINT_SCHEMA AS BINARY);
SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE, INDEX_COMMENT FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN ($in) ORDER BY CAST(TABLE_SCHEMA AS BINARY), TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX;
SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE FROM information_schema.VIEWS WHERE TABLE_SCHEMA IN ($in) ORDER BY CAST(TABLE_SCHEMA AS BINARY);
SELECT TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN ($in) ORDER BY CAST(TRIGGER_SCHEMA AS BINARY);
SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA IN ($in) AND ORDINAL_POSITION > 0 ORDER BY CAST(SPECIFIC_SCHEMA AS BINARY), SPECIFIC_NAME, ORDINAL_POSITION;
SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_DEFINITION, IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, ROUTINE_COMMENT FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA IN ($in) ORDER BY CAST(ROUTINE_SCHEMA AS BINARY);
SELECT EVENT_SCHEMA, EVENT_NAME, INTERVAL_VALUE, INTERVAL_FIELD, EXECUTE_AT, STARTS, ENDS, ON_COMPLETION, STATUS, EVENT_COMMENT, EVENT_DEFINITION, COALESCE(EXECUTE_AT, ENDS) < NOW() FROM information_schema.EVENTS WHERE EVENT_SCHEMA IN ($in) ORDER BY CAST(EVENT_SCHEMA AS BINARY);
SQL
  # shellcheck disable=SC2086
  dump() { MYSQL_PWD=bench mariadb-dump --no-defaults --protocol=tcp -h127.0.0.1 -P"$port" -uroot --no-data \
    --skip-dump-date --databases $databases; }
  dump >"$dir/baseline.sql"
  client -B -N <"$dir/catalog.sql" >"$dir/catalog.out"
  grep -q partition_256 "$dir/catalog.out" || { echo "bench: the catalog read found nothing" >&2; exit 3; }

  verify_s=() rss_mib=()
  local bulk=() dumpdiff=()
  for _ in $(seq "$runs"); do
    timed_verify "$dir"
    start=$(now_ns)
    client -B -N <"$dir/catalog.sql" >/dev/null
    bulk+=("$(elapsed "$start")")
    start=$(now_ns)
    dump | diff -q - "$dir/baseline.sql" >/dev/null
    dumpdiff+=("$(elapsed "$start")")
  done
  echo "== MariaDB: verify 256 databases x 20 tables (5,120 tables), $runs runs"
  row "devenv verify" s "${verify_s[@]}"
  row "one bulk information_schema read (mariadb)" s "${bulk[@]}"
  row "mariadb-dump --no-data + diff" s "${dumpdiff[@]}"
  row "devenv verify peak RSS" MiB "${rss_mib[@]}"
  echo "  ratio: devenv verify / bulk information_schema read = $(ratio "$(med "${verify_s[@]}")" "$(med "${bulk[@]}")") (target <= 1.1x)"
  echo "  ratio: devenv verify / dump-and-diff                = $(ratio "$(med "${verify_s[@]}")" "$(med "${dumpdiff[@]}")")"
  echo "  devenv peak RSS median $(med "${rss_mib[@]}") MiB (target <= 30 MiB)"
  (cd "$dir" && "$devenv" down --purge >/dev/null 2>&1)
}

# ------------------------------------------------------------------------- PostgreSQL
bench_postgres() {
  local dir port start
  dir=$base/postgres
  new_project "$dir" postgres "${BENCH_PG_PORT:-0}" tenant 'tenant_{n:02}' 40
  cat >"$dir/schemas/tenant.sql" <<'SQL'
CREATE TYPE state AS ENUM ('new', 'active', 'closed');
SQL
  for i in $(seq 1 50); do
    cat >>"$dir/schemas/tenant.sql" <<SQL
CREATE TABLE t$i (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  workspace_id varchar(256) NOT NULL,
  name text NOT NULL DEFAULT 'x',
  meta jsonb,
  status state NOT NULL DEFAULT 'new',
  amount numeric(12, 2) NOT NULL DEFAULT 0 CHECK (amount >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  parent_id bigint$( [ "$i" -gt 1 ] && echo " REFERENCES t$((i - 1)) (id) ON DELETE SET NULL"),
  UNIQUE (workspace_id, name)
);
CREATE INDEX t${i}_ws_idx ON t$i (workspace_id, created_at);
COMMENT ON TABLE t$i IS 'table $i';
SQL
  done
  start=$(now_ns)
  (cd "$dir" && "$devenv" up >/dev/null 2>&1) || { echo "bench: devenv up failed in $dir" >&2; exit 3; }
  echo "setup: PostgreSQL, 40 databases x 50 tables initialised in $(elapsed "$start") s"
  port=$(server_port "$dir")
  local user_schemas="n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', '_devenv') AND n.nspname NOT LIKE 'pg\\_temp%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp%'"
  {
    echo "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' AND datname NOT LIKE '\\_devenv%' ORDER BY datname;"
    for n in $(seq -f '%02g' 1 40); do
      cat <<SQL
\\connect tenant_$n
SET search_path TO public;
SELECT n.nspname FROM pg_namespace n WHERE $user_schemas;
SELECT n.nspname, c.relname, obj_description(c.oid, 'pg_class'), pg_get_partkeydef(c.oid), CASE WHEN c.relispartition THEN (SELECT pn.nspname || '.' || pc.relname FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid) END, pg_get_expr(c.relpartbound, c.oid), c.relpersistence, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND $user_schemas;
SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, col_description(c.oid, a.attnum), format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum LEFT JOIN pg_collation co ON co.oid = a.attcollation LEFT JOIN pg_depend sd ON a.attidentity <> '' AND sd.refobjid = c.oid AND sd.refobjsubid = a.attnum AND sd.classid = 'pg_class'::regclass AND sd.deptype = 'i' LEFT JOIN pg_sequence s ON s.seqrelid = sd.objid WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND $user_schemas ORDER BY n.nspname, c.relname, a.attnum;
SELECT n.nspname, c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid, true), array_to_string(ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.i), '_') FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conparentid = 0 AND $user_schemas ORDER BY n.nspname, c.relname, con.conname;
SELECT n.nspname, ct.relname, ci.relname, pg_get_indexdef(i.indexrelid), array_to_string(ARRAY(SELECT coalesce(a.attname, 'expr') FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n) LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.n), '_'), am.amname, i.indisunique FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_class ct ON ct.oid = i.indrelid JOIN pg_am am ON am.oid = ci.relam JOIN pg_namespace n ON n.oid = ct.relnamespace WHERE NOT ci.relispartition AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x')) AND $user_schemas ORDER BY n.nspname, ct.relname, ci.relname;
SELECT n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid, true) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND $user_schemas;
SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid, true), t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND $user_schemas;
SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), pg_get_functiondef(p.oid), p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') AND coalesce(obj_description(p.oid, 'pg_proc'), '') NOT LIKE 'devenv polyfill%' AND $user_schemas;
SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, (SELECT quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) || '.' || quote_ident(ta.attname) FROM pg_depend o JOIN pg_class tc ON tc.oid = o.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace JOIN pg_attribute ta ON ta.attrelid = tc.oid AND ta.attnum = o.refobjsubid WHERE o.objid = c.oid AND o.classid = 'pg_class'::regclass AND o.refclassid = 'pg_class'::regclass AND o.deptype = 'a') FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i') AND $user_schemas;
SELECT n.nspname, t.typname, quote_literal(e.enumlabel) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace WHERE $user_schemas ORDER BY n.nspname, t.typname, e.enumsortorder;
SELECT n.nspname, t.typname, c.conname, pg_get_constraintdef(c.oid, true) FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid JOIN pg_namespace n ON n.oid = t.typnamespace WHERE c.contype = 'c' AND $user_schemas ORDER BY n.nspname, t.typname, c.conname;
SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault, CASE WHEN t.typcollation <> b.typcollation THEN co.collname END FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type b ON b.oid = t.typbasetype LEFT JOIN pg_collation co ON co.oid = t.typcollation WHERE t.typtype = 'd' AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = t.oid AND e.deptype = 'e') AND $user_schemas;
SELECT p.schemaname, p.tablename, p.policyname, p.permissive, array_to_string(ARRAY(SELECT quote_ident(r) FROM unnest(p.roles) r ORDER BY 1), ', '), p.cmd, p.qual, p.with_check FROM pg_policies p JOIN pg_namespace n ON n.nspname = p.schemaname WHERE $user_schemas ORDER BY p.schemaname, p.tablename, p.policyname;
SELECT i.type, i.schema, i.identity, d.description FROM pg_description d CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) i WHERE d.objsubid = 0 AND (d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass) AND i.type NOT IN ('table', 'foreign table', 'extension') AND d.classoid IN ('pg_proc'::regclass, 'pg_constraint'::regclass, 'pg_type'::regclass, 'pg_namespace'::regclass, 'pg_trigger'::regclass, 'pg_policy'::regclass, 'pg_class'::regclass) AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.classoid AND e.objid = d.objoid AND e.deptype = 'e') AND d.description NOT LIKE 'devenv polyfill%';
SELECT extname FROM pg_extension WHERE extname <> 'plpgsql';
SQL
    done
  } >"$dir/catalog.sql"
  psql_read() {
    PGPASSWORD=bench psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
      -f "$dir/catalog.sql"
  }
  psql_read >"$dir/catalog.out"
  grep -q 't50_ws_idx' "$dir/catalog.out" || { echo "bench: the catalog read found nothing" >&2; exit 3; }

  verify_s=() rss_mib=()
  local bulk=()
  for _ in $(seq "$runs"); do
    timed_verify "$dir"
    start=$(now_ns)
    psql_read >/dev/null
    bulk+=("$(elapsed "$start")")
  done
  echo "== PostgreSQL: verify 40 databases x 50 tables (2,000 tables), $runs runs"
  row "devenv verify" s "${verify_s[@]}"
  row "bulk pg_catalog reads (psql, per database)" s "${bulk[@]}"
  row "devenv verify peak RSS" MiB "${rss_mib[@]}"
  echo "  ratio: devenv verify / bulk pg_catalog reads = $(ratio "$(med "${verify_s[@]}")" "$(med "${bulk[@]}")") (target <= 1.1x)"
  echo "  devenv peak RSS median $(med "${rss_mib[@]}") MiB"
  (cd "$dir" && "$devenv" down --purge >/dev/null 2>&1)
}

case $which_engines in
  mariadb) bench_mariadb ;;
  postgres) bench_postgres ;;
  all)
    bench_mariadb
    bench_postgres
    ;;
  *) echo "usage: bench/verify.sh [RUNS] [mariadb|postgres|all]" >&2; exit 2 ;;
esac
