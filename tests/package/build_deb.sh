#!/usr/bin/env bash
# Builds devenv's Debian package with cpack into OUT_DIR and checks it: named
# devenv_<version>_<arch>.deb with the binary's own version, Depends from dpkg-shlibdeps
# (the libraries the binary links), Recommends the servers and their clients, and
# exactly the files it should install. The docker test installs it in a container.
#   tests/package/build_deb.sh BUILD_DIR OUT_DIR
set -euo pipefail
build=$(cd "${1:?build dir}" && pwd)
out=${2:?output dir}
fail() { echo "build_deb: $*" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
if ! (cd "$build" && cpack -G DEB -B "$out") >"$out/cpack.log" 2>&1; then
  cat "$out/cpack.log"
  fail "cpack failed"
fi
version=$("$build/devenv" --version | sed -n 's/^devenv //p')
deb=$out/devenv_${version}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || fail "no $deb; cpack made: $(ls "$out")"
! grep -qi 'warning' "$out/cpack.log" || fail "cpack warned: $(grep -i warning "$out/cpack.log")"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = devenv ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version $(field Version), the binary says $version"
! grep -q '^ *;' <<<"$(field Description)" || fail "Description: $(field Description)"
depends=$(field Depends)
for library in libc6 libstdc++6 libssl3 libpqxx libmysqlcppconn libpocofoundation libpocojson libfmt libidn12 \
  libtomlplusplus libsqlite3; do
  grep -q "$library" <<<"$depends" || fail "Depends lacks $library: $depends"
done
recommends=$(field Recommends)
for server in mariadb-server mariadb-client postgresql postgresql-client sqlite3; do
  grep -qw "$server" <<<"$recommends" || fail "Recommends lacks $server: $recommends"
done

# Its files (folders aside), and nothing else.
files=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $6 }' | sort)
expected=$(printf '%s\n' ./usr/bin/devenv ./usr/share/bash-completion/completions/devenv \
  ./usr/share/man/man1/devenv.1.gz ./usr/share/zsh/vendor-completions/_devenv | sort)
[ "$files" = "$expected" ] || fail "files: $files"
# The completion scripts and man page are the build's, and the binary is stripped.
mkdir "$out/contents"
dpkg-deb -x "$deb" "$out/contents"
cmp "$out/contents/usr/share/bash-completion/completions/devenv" "$build/share/bash-completion/devenv"
cmp "$out/contents/usr/share/zsh/vendor-completions/_devenv" "$build/share/zsh/_devenv"
cmp "$out/contents/usr/share/man/man1/devenv.1.gz" "$build/share/man/devenv.1.gz"
file "$out/contents/usr/bin/devenv" | grep -q ', stripped' || fail "the binary is not stripped"
rm -rf "$out/contents"

echo "$(basename "$deb"): $(stat -c %s "$deb") bytes, Installed-Size $(field Installed-Size) KiB"
echo "Depends: $depends"
echo "Recommends: $recommends"
echo "Suggests: $(field Suggests)"
