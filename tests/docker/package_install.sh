#!/usr/bin/env bash
# The Debian package, installed as a user would: in a fresh container of one of the
# docker tests' own images (Debian bookworm from debootstrap, tests/docker/build_images.sh),
# `apt-get install ./devenv_<version>_<arch>.deb` takes its Depends from the Debian mirror
# the images come from (no Recommends: Depends must be enough for what runs here). Then
# `devenv --version`, `devenv build --check` on the example (read-only: it writes
# nothing), the man page, and the bash and zsh completion scripts where they were
# installed. Last, in the same container, scripts/system_services.sh on the image's
# PostgreSQL, whose package enabled its service for boot: disabled, also through an
# upgrade of the package, without and with systemd installed.
#   tests/docker/package_install.sh SOURCE_DIR DEB_DIR
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source=$(cd "${1:?source dir}" && pwd)
debs=("${2:?deb dir}"/devenv_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || { echo "package_install: want one devenv_*.deb in $2" >&2; exit 1; }
deb=$(cd "$(dirname "${debs[0]}")" && pwd)/$(basename "${debs[0]}")
version=$(dpkg-deb -f "$deb" Version)
mirror=$("$here/debian_mirror.sh")

docker run --rm -i --network host --entrypoint /bin/bash \
  -e MIRROR="$mirror" -e VERSION="$version" -e DEB="$(basename "$deb")" \
  -v "$deb:/tmp/$(basename "$deb"):ro" \
  -v "$source/config.toml:/example/config.toml:ro" -v "$source/schemas:/example/schemas:ro" \
  -v "$source/initdb:/example/initdb:ro" -v "$source/docker-compose.yml:/example/docker-compose.yml:ro" \
  -v "$source/scripts/system_services.sh:/usr/local/bin/system_services.sh:ro" \
  devenv-test/postgres:15 -s <<'INSIDE'
set -euo pipefail
exec 2>&1
step() { echo "== $*"; }
fail() { echo "FAILED: $*"; exit 1; }
quiet() { "$@" >/tmp/out 2>&1 || { cat /tmp/out; fail "$*"; }; }
printf 'deb %s bookworm main\n' "$MIRROR" >/etc/apt/sources.list
printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d  # no service starts in here
chmod +x /usr/sbin/policy-rc.d
export DEBIAN_FRONTEND=noninteractive

step "apt-get install --no-install-recommends /tmp/$DEB"
quiet apt-get update -qq
quiet apt-get install -y -qq --no-install-recommends "/tmp/$DEB"
dpkg-query -W -f='${Package} ${Version} ${Status}\n' devenv
step "devenv --version"
devenv --version
[ "$(devenv --version)" = "devenv $VERSION" ] || fail "version"
! ldd /usr/bin/devenv | grep 'not found' || fail "libraries missing"
step "devenv build --check (the example, read-only)"
(cd /example && devenv build --check)
step "man page"
zcat /usr/share/man/man1/devenv.1.gz | grep -E '^\.TH DEVENV|^\.SS "devenv (up|verify)"'
step "bash completion, as installed"
got=$(cd /example && bash -c 'source /usr/share/bash-completion/completions/devenv
  COMP_WORDS=(devenv logs ""); COMP_CWORD=2; _devenv; echo "${COMPREPLY[*]}"')
echo "devenv logs <TAB>: $got"
[ "$got" = "mysql postgres" ] || fail "bash completion"
step "zsh completion, as installed"
quiet apt-get install -y -qq --no-install-recommends zsh
zsh -n /usr/share/zsh/vendor-completions/_devenv || fail "zsh syntax"
got=$(zsh -fc 'autoload -U compinit && compinit -u -d /tmp/zcompdump && print -r -- $_comps[devenv]')
echo "compinit binds devenv to: $got"
[ "$got" = _devenv ] || fail "zsh completion not found by compinit"

wants=/etc/systemd/system/multi-user.target.wants/postgresql.service
enabled() { [ -L "$wants" ] || ls /etc/rc[2345].d/S*postgresql >/dev/null 2>&1; }
show() { echo "   boot links: $(ls -1 "$wants" /etc/rc[2345].d/*postgresql 2>/dev/null | tr '\n' ' ')"; }
step "system services: postgresql as its package left it (no systemd in the image)"
show
enabled || fail "the package did not enable postgresql; nothing to test"
said=$(system_services.sh disable postgresql-common mariadb-server zsh 2>&1)
echo "$said"
[ "$(grep -c disabled <<<"$said")" = 1 ] || fail "not one service said: postgresql's (no MariaDB in this image)"
show
! enabled || fail "postgresql still enabled"
step "an upgrade of postgresql-common keeps it disabled"
quiet apt-get install -y -qq --reinstall postgresql-common
show
! enabled || fail "the upgrade enabled postgresql again"

step "the same with systemd installed (not running): systemctl disable, offline"
quiet apt-get install -y -qq --no-install-recommends systemd
quiet systemctl enable postgresql.service
show
enabled || fail "could not enable postgresql again"
system_services.sh disable postgresql-common
show
! enabled || fail "postgresql still enabled"
echo "   systemctl is-enabled: $(systemctl is-enabled postgresql.service)"
quiet apt-get install -y -qq --reinstall postgresql-common
show
! enabled || fail "the upgrade enabled postgresql again"
echo "package_install: all good"
INSIDE
