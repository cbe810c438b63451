#!/usr/bin/env bash
# Builds the sqltext fuzz target with clang and runs it, seeded with the example's
# schema files, for SECONDS (default 60). Exit 0: no crash; else libFuzzer's report
# and the crashing input (crash-*) are in WORK_DIR.
#   tests/fuzz/run.sh WORK_DIR [SECONDS]
#   tests/fuzz/run.sh build/fuzz 36000        # ten hours, e.g. overnight
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mkdir -p "$1" && cd "$1" && pwd)
seconds=${2:-60}
cmake -S "$repo/tests/fuzz" -B "$work/build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$work/build" -j"$(nproc)" >/dev/null
mkdir -p "$work/corpus" "$work/seeds"
find "$repo/schemas" "$repo/examples/sqlite/schemas" -name '*.sql' -exec cp {} "$work/seeds/" \;
cp "$repo"/tests/fuzz/seeds/*.sql "$work/seeds/"
cd "$work"
# Findings so far live in corpus/ and are kept between runs; seeds/ is read only.
exec "$work/build/fuzz_sqltext" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -dict="$repo/tests/fuzz/sql.dict" \
  -print_final_stats=1 corpus seeds
