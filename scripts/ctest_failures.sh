#!/usr/bin/env bash
# After a red ctest run: each failed test's telling lines again (Catch's FAILED lines,
# the devenv errors in their messages, the end of the output), at the very end of the
# log, where a log cut down to its head and tail still shows why.
#   scripts/ctest_failures.sh BUILD_DIR
set -uo pipefail
temporary=${1:?build dir}/Testing/Temporary
[ -f "$temporary/LastTestsFailed.log" ] || exit 0
echo "== why the failed tests failed (from $temporary/LastTest.log)"
while IFS=: read -r number name; do
  echo "-- $name"
  awk -v number="$number" '
    $0 ~ "^" number "/[0-9]+ Test: " { inside = 1; next }
    inside && /^<end of output>/ { exit }
    inside && output { print }
    inside && /^Output:/ { getline; output = 1 }
  ' "$temporary/LastTest.log" >"$temporary/failed-output.txt"
  grep -n -E -A2 'FAILED|error|Error|stopped|failed|timed out|refused|cannot|devenv: ' "$temporary/failed-output.txt" | head -n 60
  echo "   (last lines)"
  tail -n 25 "$temporary/failed-output.txt"
done <"$temporary/LastTestsFailed.log"
rm -f "$temporary/failed-output.txt"
