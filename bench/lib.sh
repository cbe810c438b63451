# Shared by the bench scripts: medians and wall-clock timing.
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
now_ns() { date +%s%N; }
elapsed() { awk -v ns=$(($(now_ns) - $1)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'; }
# "min / median / max" of the numbers on stdin, 2 decimals.
spread() { sort -n | awk '{ a[NR] = $1 } END { printf "%.3f / %.3f / %.3f", a[1], a[int((NR + 1) / 2)], a[NR] }'; }
# "0.63x": the median of array NAME_A over the median of array NAME_B (names, as ratio 'a[@]' 'b[@]').
median_ratio() { awk -v a="$(printf '%s\n' "${!1}" | median)" -v b="$(printf '%s\n' "${!2}" | median)" \
  'BEGIN { printf "%.2fx", a / b }'; }
