#!/usr/bin/env bash
# Instructions per serialization, counted by callgrind: numbers that the
# load of a shared machine does not move, to cross-check the wall-clock
# ratios of `cargo bench --bench serialize`.
#
# Each way of each case runs twice in the bench binary (SKMS_COUNT mode),
# N and 2N times; the difference divided by N is the cost of one
# serialization, without the start-up.
#
# Usage: scripts/instructions.sh        Environment: N (10000)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${N:-10000}"
export CARGO_TERM_COLOR=never

bench=$(cargo bench --bench serialize --no-run --message-format=json 2>/dev/null |
    grep -o '"executable":"[^"]*serialize[^"]*"' | tail -1 | cut -d'"' -f4)
[[ -x $bench ]] || { echo "no bench binary" >&2; exit 1; }

instructions() {
    SKMS_COUNT="$1/$2" valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bench" 2>&1 |
        grep -o 'Collected : [0-9]*' | awk '{ print $3 }'
}

printf '%-12s %-20s %12s\n' case way instructions
for case in no_detail detail long_detail; do
    for way in derived/serde derived/write_json hand/format_derive hand/collect_str hand/json_macro; do
        once=$(instructions "$case" "$way/$n")
        twice=$(instructions "$case" "$way/$((2 * n))")
        printf '%-12s %-20s %12d\n' "$case" "$way" $(((twice - once) / n))
    done
done
