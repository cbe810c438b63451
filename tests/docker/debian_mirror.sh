#!/usr/bin/env bash
# Prints the Debian mirror this machine's apt uses for bookworm (never hard-coded in
# the repository): from deb822 .sources files or classic sources.list lines.
set -euo pipefail
for file in /etc/apt/sources.list.d/*.sources; do
  [ -f "$file" ] || continue
  awk 'BEGIN { RS = ""; FS = "\n" }
       { uris = ""; suites = ""
         for (i = 1; i <= NF; i++) {
           if ($i ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", $i); uris = $i }
           if ($i ~ /^Suites:/) { sub(/^Suites:[ \t]*/, "", $i); suites = " " $i " " }
         }
         if (suites ~ / bookworm / && uris !~ /security/) { split(uris, u, " "); print u[1]; exit } }' "$file"
done | head -n 1 | grep . && exit 0
grep -hE '^deb[[:space:]]+[^[:space:]]+[[:space:]]+bookworm[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
  awk '{ print $2; exit }' | grep . && exit 0
echo "debian_mirror: no bookworm mirror in this machine's apt sources" >&2
exit 1
