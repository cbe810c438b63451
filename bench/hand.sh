# The example's servers brought up by hand, as a comparison for bench/by_hand.sh and
# bench/idle_memory.sh (sourced; needs $repo and bench/lib.sh).
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() {  # a port nothing answers on
  local port
  while :; do
    port=$((30000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
wait_for() { for _ in $(seq 300); do "$@" >/dev/null 2>&1 && return 0; sleep 0.01; done; echo "bench: timed out: $*" >&2; exit 3; }

# Tuned as devenv tunes them for speed; bench/idle_memory.sh empties these to get
# the engines' own defaults.
: "${hand_mariadb_flags=--innodb-buffer-pool-size=32M --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0}"
: "${hand_postgres_flags=-c fsync=off -c synchronous_commit=off -c full_page_writes=off}"

mariadb_by_hand() {  # DIR: install, start, load initdb/mysql, leave it running
  local dir=$1 port user=()
  port=$(free_port)
  [ "$(id -u)" -eq 0 ] && user=(--user=root)
  mkdir -p "$dir/tmp"
  mariadb-install-db --no-defaults "${user[@]}" --datadir="$dir/data" --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve --innodb-log-file-size=8M --tmpdir="$dir/tmp" >/dev/null 2>&1
  setsid mariadbd --no-defaults "${user[@]}" --datadir="$dir/data" --socket="$dir/sock" --port="$port" \
    --bind-address=127.0.0.1 --tmpdir="$dir/tmp" --pid-file="$dir/pid" --skip-name-resolve --skip-log-bin \
    --innodb-log-file-size=8M $hand_mariadb_flags </dev/null >/dev/null 2>&1 &
  wait_for mariadb --no-defaults -S "$dir/sock" -uroot -e 'SELECT 1'
  for file in "$repo"/initdb/mysql/*.sql; do mariadb --no-defaults -S "$dir/sock" -uroot <"$file"; done
}

# psql runs as root (root reaches the postgres user's socket), and from its version's
# bin/ rather than Debian's Perl wrapper, which costs 80 ms a call: as devenv runs it.
postgres_by_hand() {  # DIR: initdb, start, load initdb/postgres, leave it running
  local dir=$1 port
  port=$(free_port)
  mkdir -p "$dir" && [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  as_pg "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync --encoding=UTF8 --locale=C.UTF-8 \
    >/dev/null 2>&1
  as_pg setsid "$pg_bin/postgres" -D "$dir/data" -p "$port" -k "$dir" -c listen_addresses=127.0.0.1 \
    $hand_postgres_flags </dev/null >/dev/null 2>&1 &
  wait_for "$pg_bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -c 'SELECT 1'
  for file in "$repo"/initdb/postgres/*.sql; do
    "$pg_bin/psql" -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres -f "$file" >/dev/null
  done
}

stop_by_hand() {  # DIR: the two servers it started, by their pid files
  local dir=$1
  [ -f "$dir/mysql/pid" ] && kill "$(cat "$dir/mysql/pid")" 2>/dev/null || true
  [ -f "$dir/pg/data/postmaster.pid" ] && kill -INT "$(head -1 "$dir/pg/data/postmaster.pid")" 2>/dev/null || true
  for _ in $(seq 500); do
    [ -S "$dir/mysql/sock" ] || [ -f "$dir/pg/data/postmaster.pid" ] || break
    sleep 0.01
  done
  rm -rf "$dir"
}

start_by_hand() {  # DIR: both servers in parallel, each with initdb/ loaded
  mariadb_by_hand "$1/mysql" & postgres_by_hand "$1/pg" & wait %1 && wait %2
}

by_hand() {  # BASE → seconds of one run in a new folder under BASE
  local dir start seconds
  dir=$(mktemp -d "$1/devenv-bench-hand-XXXXXX")
  chmod 755 "$dir"
  start=$(now_ns)
  start_by_hand "$dir"
  seconds=$(elapsed "$start")
  stop_by_hand "$dir"
  echo "$seconds"
}

