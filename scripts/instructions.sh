#!/usr/bin/env bash
# Instructions per operation, counted by callgrind: numbers that the load
# of a shared machine does not move, to cross-check the wall-clock ratios
# of `cargo bench --features bench --bench serialize` and `--bench decode`.
#
# Each way of each case runs twice in the bench binary (SKMS_COUNT mode),
# N and 2N times; the difference divided by N is the cost of one
# operation, without the start-up.
#
# Usage: scripts/instructions.sh [serialize|decode]   Environment: N (10000)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${N:-10000}"
bench_name="${1:-serialize}"
export CARGO_TERM_COLOR=never

bench=$(cargo bench --features bench --bench "$bench_name" --no-run --message-format=json 2>/dev/null |
    grep -o "\"executable\":\"[^\"]*$bench_name[^\"]*\"" | tail -1 | cut -d'"' -f4)
[[ -x $bench ]] || { echo "no bench binary" >&2; exit 1; }

instructions() {
    SKMS_COUNT="$1/$2" valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bench" 2>&1 |
        grep -o 'Collected : [0-9]*' | awk '{ print $3 }'
}

count() {
    local case="$1" way="$2"
    once=$(instructions "$case" "$way/$n")
    twice=$(instructions "$case" "$way/$((2 * n))")
    printf '%-30s %-26s %12d\n' "$case" "$way" $(((twice - once) / n))
}

printf '%-30s %-26s %12s\n' case way instructions
case $bench_name in
serialize)
    for case in no_detail detail long_detail; do
        for way in derived/serde derived/write_json hand/format_derive hand/collect_str hand/json_macro; do
            count "$case" "$way"
        done
    done
    ;;
decode)
    for case in detail no_detail escaped_unknown_field; do
        for way in ErrorBody::from_slice hand/derive_struct serde_json::Value ErrorBody/Deserialize precise_path; do
            count "decode/$case" "$way"
        done
    done
    for way in StandardError::from_code Catalog::lookup hand/match; do
        count from_code/32_codes "$way"
    done
    for way in Catalog::lookup FromBody::from_body hand/match; do
        count from_code/composed_333_codes "$way"
    done
    ;;
*)
    echo "unknown bench $bench_name: serialize or decode" >&2
    exit 1
    ;;
esac
