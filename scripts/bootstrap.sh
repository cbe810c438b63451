#!/usr/bin/env bash
# Installs what devenv needs on Debian bookworm (only what is missing), then
# configures and builds it (CMake, Release). Safe to run again: a second run
# installs nothing and rebuilds incrementally.
#
#   scripts/bootstrap.sh            # packages + build
#   DEVENV_BUILD_DIR=out scripts/bootstrap.sh
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${DEVENV_BUILD_DIR:-$repo/build}

# Build tools, libraries, and the servers the native runtime and the db tests run;
# help2man makes the man page, dpkg-dev and file let cpack find the package's Depends,
# zsh runs the test of the zsh completion, openssl makes the TLS tests' certificates.
packages=(
  cmake g++ make pkg-config
  libtomlplusplus-dev libpoco-dev libpqxx-dev libmysqlcppconn-dev libfmt-dev libssl-dev libcli11-dev
  libidn-dev libyaml-cpp-dev libsqlite3-dev
  catch2 procps clang libclang-rt-dev
  help2man dpkg-dev file zsh openssl
  mariadb-server mariadb-client
  postgresql postgresql-client
  sqlite3
)

missing_packages() {
  local p
  for p in "${packages[@]}"; do
    installed "$p" || echo "$p"
  done
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

install_missing() {
  local missing p
  mapfile -t missing < <(missing_packages)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "devenv bootstrap: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # Package installs must never start the system's own database services: devenv
  # and its tests run their own servers on their own ports.
  local made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  # The packages that bring a system service on the example's ports, if this run is
  # the one that installs them (see below).
  local services=()
  for p in mariadb-server postgresql-common; do installed "$p" || services+=("$p"); done
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ -z "$made_policy" ] || $sudo rm -f /usr/sbin/policy-rc.d
  # Nor may they start at the next boot, on 3306 and 5432: disabled, when installed here.
  local new_services=()
  for p in "${services[@]}"; do installed "$p" && new_services+=("$p"); done
  [ ${#new_services[@]} -eq 0 ] || $sudo "$repo/scripts/system_services.sh" disable "${new_services[@]}"
}

build() {
  if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cmake -S "$repo" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build "$build_dir" -j"$(nproc)"
}

install_missing
build
