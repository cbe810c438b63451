#!/usr/bin/env bash
# The real migrators the `migrators` tests run, pinned: drizzle-orm (with pg, mysql2
# and sql.js — SQLite as WebAssembly, so nothing is compiled or downloaded at install —
# run by Node) and dbmate (its npm package ships the Linux binary). Installs
# Node and npm from Debian when missing, then the npm packages into DIR (a folder of
# the build tree), and writes DIR/ready when they load. Safe to run again: a second run
# with everything in place does nothing. Only when the npm registry cannot be reached
# (`npm ping` fails) does it write DIR/skipped with the reason and succeed, so that the
# tests skip, saying why; any other failure fails the set-up.
#   tests/migrators/install.sh DIR
set -euo pipefail
dir=$1
packages=(drizzle-orm@0.45.4 pg@8.23.1 mysql2@3.24.6 sql.js@1.17.0 dbmate@2.36.0)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$dir"
rm -f "$dir/skipped"
if [ -f "$dir/ready" ] && [ "$(cat "$dir/ready")" = "${packages[*]}" ]; then exit 0; fi
rm -f "$dir/ready"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "installing nodejs and npm (Debian packages)"
  apt-get update -qq  # the package lists may be missing on a fresh machine
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm >/dev/null
fi

# No lock file: it would name the registry; the versions are pinned exactly instead.
if ! log=$(cd "$dir" && npm install --no-package-lock --no-audit --no-fund --loglevel=error \
             --prefix "$dir" "${packages[@]}" 2>&1); then
  if ! npm ping >/dev/null 2>&1; then
    echo "the npm registry cannot be reached: ${log##*$'\n'}" | tee "$dir/skipped"
    exit 0
  fi
  echo "npm install failed: $log" >&2
  exit 1
fi
cp "$here/drizzle_migrate.mjs" "$here/drizzle_sqlite_migrate.mjs" "$dir/"
(cd "$dir" && node --input-type=module -e 'await import("drizzle-orm/node-postgres/migrator"); await import("drizzle-orm/mysql2/migrator"); await import("drizzle-orm/sql-js/migrator"); await (await import("sql.js")).default()')
"$dir/node_modules/@dbmate/linux-x64/bin/dbmate" --version
echo "${packages[*]}" > "$dir/ready"
