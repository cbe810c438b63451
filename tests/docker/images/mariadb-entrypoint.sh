#!/bin/bash
# Entrypoint of devenv's local MariaDB test image (built from Debian packages: no
# image registry is reachable here), with the official image's init contract:
# init only on an empty data dir; a temporary socket-only server; root set up from
# MARIADB_ROOT_PASSWORD / MYSQL_ROOT_PASSWORD; /docker-entrypoint-initdb.d/* in glob
# order (.sh executed or sourced, .sql, .sql.gz/.xz/.zst through a fresh client
# each); then the real server with the container's arguments (e.g. --port=3307).
set -eo pipefail
export LC_ALL=C
datadir=/var/lib/mysql
socket=/run/mysqld/mysqld.sock
password=${MARIADB_ROOT_PASSWORD:-${MYSQL_ROOT_PASSWORD:-}}
[ -n "$password" ] || { echo "entrypoint: MARIADB_ROOT_PASSWORD (or MYSQL_ROOT_PASSWORD) is required" >&2; exit 1; }
[ "${1:-}" = mariadbd ] || [ "${1:-}" = mysqld ] && shift
mkdir -p /run/mysqld "$datadir"
chown mysql:mysql /run/mysqld "$datadir"

client() { mariadb --protocol=socket --socket="$socket" -uroot "$@"; }

if [ ! -d "$datadir/mysql" ]; then
  echo "entrypoint: initialising $datadir"
  mariadb-install-db --user=mysql --datadir="$datadir" --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve >/dev/null
  mariadbd --user=mysql --datadir="$datadir" --socket="$socket" --skip-networking --skip-name-resolve &
  pid=$!
  for _ in $(seq 150); do client -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done
  client <<SQL
DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1';
EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS root@\'', @@hostname, '\'');
ALTER USER 'root'@'localhost' IDENTIFIED BY '${password//\'/\'\'}';
CREATE USER 'root'@'%' IDENTIFIED BY '${password//\'/\'\'}';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;
SQL
  export MYSQL_PWD=$password
  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue
    case "$f" in
      *.sh) if [ -x "$f" ]; then echo "entrypoint: running $f"; "$f"; else echo "entrypoint: sourcing $f"; . "$f"; fi ;;
      *.sql) echo "entrypoint: running $f"; client <"$f" ;;
      *.sql.gz) echo "entrypoint: running $f"; gzip -dc "$f" | client ;;
      *.sql.xz) echo "entrypoint: running $f"; xz -dc "$f" | client ;;
      *.sql.zst) echo "entrypoint: running $f"; zstd -dc "$f" | client ;;
      *) echo "entrypoint: ignoring $f" ;;
    esac
  done
  unset MYSQL_PWD
  kill "$pid"
  wait "$pid" || true
  echo "entrypoint: init done"
fi
exec mariadbd --user=mysql --datadir="$datadir" --socket="$socket" --skip-name-resolve "$@"
