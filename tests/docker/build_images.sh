#!/usr/bin/env bash
# Builds devenv's local test images for the compose runtime from Debian packages
# (debootstrap into a folder, then `docker import`): no image registry is reachable
# here. Each image is built once and reused while it exists and its entrypoint is
# unchanged (a label holds the entrypoint's hash).
#   tests/docker/build_images.sh      → devenv-test/mariadb:10.11, devenv-test/postgres:15
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

build() {  # build IMAGE PACKAGES ENTRYPOINT CMD DIR-THE-PACKAGE-PRE-POPULATES
  local image=$1 packages=$2 entrypoint=$3 cmd=$4 populated=$5
  local hash
  hash=$(sha256sum "$here/images/$entrypoint" | cut -c1-16)
  if [ "$(docker image inspect -f '{{ index .Config.Labels "devenv.entrypoint" }}' "$image" 2>/dev/null)" = "$hash" ]; then
    echo "build_images: $image is up to date"
    return 0
  fi
  local mirror root
  mirror=$("$here/debian_mirror.sh")
  root=$(mktemp -d /var/tmp/devenv-rootfs-XXXXXX)
  echo "build_images: building $image from Debian packages (debootstrap, a few minutes)…"
  if ! debootstrap --variant=minbase --include="$packages" bookworm "$root" "$mirror" >"$root.log" 2>&1; then
    tail -n 20 "$root.log" >&2
    rm -rf "$root" "$root.log"
    return 1
  fi
  # The package's postinst may have made a data dir; a named volume would copy it and
  # the entrypoint would then never initialise (as with the official images' VOLUME).
  rm -rf "${root:?}$populated"/* "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  install -m 0755 "$here/images/$entrypoint" "$root/usr/local/bin/docker-entrypoint.sh"
  mkdir -p "$root/docker-entrypoint-initdb.d"
  tar -C "$root" -c . | docker import \
    --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
    --change "CMD [\"$cmd\"]" \
    --change "LABEL devenv.entrypoint=$hash" - "$image" >/dev/null
  rm -rf "$root" "$root.log"
  echo "build_images: $image built"
}

build devenv-test/mariadb:10.11 mariadb-server,mariadb-client,gzip,xz-utils,zstd mariadb-entrypoint.sh mariadbd /var/lib/mysql &
build devenv-test/postgres:15 postgresql-15,postgresql-client-15,gzip,xz-utils,zstd,util-linux postgres-entrypoint.sh postgres /var/lib/postgresql &
wait %1
wait %2
