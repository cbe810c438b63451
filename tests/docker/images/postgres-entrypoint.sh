#!/bin/bash
# Entrypoint of devenv's local PostgreSQL test image (built from Debian packages: no
# image registry is reachable here), with the official image's init contract:
# init only when PGDATA has no PG_VERSION; POSTGRES_USER / POSTGRES_PASSWORD /
# POSTGRES_DB; a temporary server that listens on no TCP address;
# /docker-entrypoint-initdb.d/* in glob order (.sh executed or sourced, .sql and
# .sql.gz/.xz/.zst through psql -v ON_ERROR_STOP=1); then `postgres` with the
# container's arguments (e.g. postgres -p 5433 -c listen_addresses=127.0.0.1).
set -eo pipefail
export LC_ALL=C
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
export PGDATA=${PGDATA:-/var/lib/postgresql/data}
export POSTGRES_USER=${POSTGRES_USER:-postgres}
export POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
[ -n "${POSTGRES_PASSWORD:-}" ] || { echo "entrypoint: POSTGRES_PASSWORD is required" >&2; exit 1; }
[ "${1:-}" = postgres ] && shift
mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"
as_postgres() { runuser -u postgres -- "$@"; }
psql_init() { as_postgres psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --dbname "$POSTGRES_DB" "$@"; }

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "entrypoint: initialising $PGDATA"
  printf '%s\n' "$POSTGRES_PASSWORD" >/tmp/pwfile
  chown postgres /tmp/pwfile
  as_postgres "$bin/initdb" -D "$PGDATA" -U "$POSTGRES_USER" --pwfile=/tmp/pwfile --auth-local=trust \
    --auth-host=scram-sha-256 --no-sync >/dev/null
  rm -f /tmp/pwfile
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  as_postgres "$bin/pg_ctl" -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  if [ "$POSTGRES_DB" != postgres ]; then
    as_postgres psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -c "CREATE DATABASE \"$POSTGRES_DB\""
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue
    case "$f" in
      *.sh) if [ -x "$f" ]; then echo "entrypoint: running $f"; "$f"; else echo "entrypoint: sourcing $f"; . "$f"; fi ;;
      *.sql) echo "entrypoint: running $f"; psql_init -f "$f" ;;
      *.sql.gz) echo "entrypoint: running $f"; gzip -dc "$f" | psql_init ;;
      *.sql.xz) echo "entrypoint: running $f"; xz -dc "$f" | psql_init ;;
      *.sql.zst) echo "entrypoint: running $f"; zstd -dc "$f" | psql_init ;;
      *) echo "entrypoint: ignoring $f" ;;
    esac
  done
  as_postgres "$bin/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
  echo "entrypoint: init done"
fi
exec runuser -u postgres -- "$bin/postgres" -D "$PGDATA" "$@"
