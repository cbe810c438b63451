#!/usr/bin/env bash
# Debian's server packages enable a system service for the next boot, on the ports
# the example uses: mariadb-server's `mariadb` on 3306, postgresql-common's
# `postgresql` (the main cluster) on 5432. A reboot would start them, and `devenv up`
# would find its ports taken. scripts/bootstrap.sh calls this with the packages it has
# just installed itself; a service the machine had before is left alone. Nothing is
# started or stopped; `systemctl enable NAME` (or `update-rc.d NAME enable`) undoes it.
# Package upgrades keep it disabled: the postinst enables a unit again only when all
# its links are there (deb-systemd-helper was-enabled), and update-rc.d … defaults
# leaves existing links alone.
#   scripts/system_services.sh disable PACKAGE…   (as root)
set -euo pipefail
[ "${1:-}" = disable ] || { echo "usage: $0 disable PACKAGE…" >&2; exit 2; }
shift
for package in "$@"; do
  case $package in
    mariadb-server) service=mariadb port=3306 ;;
    postgresql-common) service=postgresql port=5432 ;;
    *) continue ;;
  esac
  [ -e "/lib/systemd/system/$service.service" ] || [ -e "/etc/init.d/$service" ] || continue
  if command -v systemctl >/dev/null; then
    # Works without a running systemd too: it removes the unit's links and runs
    # update-rc.d … disable for the init script.
    systemctl disable --quiet "$service.service"
  else
    # No systemd (a container): the links deb-systemd-helper made for it anyway, as
    # systemctl would remove them, and the init script's.
    rm -f /etc/systemd/system/*.wants/"$service.service"
    [ ! -x "/etc/init.d/$service" ] || update-rc.d "$service" disable >/dev/null 2>&1
  fi
  echo "devenv bootstrap: disabled the system service $service, which $package enabled for the next boot" \
    "on port $port (the example's); \`systemctl enable $service\` undoes it" >&2
done
