#!/usr/bin/env bash
# What an integration feature of skms-core adds to the build of a crate that
# already uses the crate it integrates: a crate that depends on $DEPS (for
# `tower`, axum; for `utoipa`, utoipa; for `tonic`, tonic) and on skms-core
# with its default features, against the same crate with skms-core's
# feature on. Each is built once in a target directory of its own; then
# skms-core alone is cleaned and rebuilt ($ROUNDS times, alternately, with
# CARGO_INCREMENTAL=0), so the difference is what the feature costs a build
# in which the integrated crate is already built. With valgrind, the
# instructions that rustc executes for skms-core are counted too, which the
# load of the machine does not move.
#
# Usage: scripts/feature-cost.sh FEATURE 'DEPENDENCY LINES'
#   scripts/feature-cost.sh tower 'axum = { version = "0.8", default-features = false }'
# Environment: ROUNDS (5), WORK (target/feature-cost).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
feature="$1"
deps="$2"
rounds="${ROUNDS:-5}"
work="${WORK:-$repo/target/feature-cost}/$feature"
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never

make_crate() {
    local dir="$1" features="$2"
    mkdir -p "$dir/src"
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "feature-cost"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
skms-core = { path = "$repo/skms-core", features = [$features] }
$deps
EOF
    echo 'pub use skms_core::StandardError;' >"$dir/src/lib.rs"
    cp "$repo/Cargo.lock" "$dir/Cargo.lock"
}

make_crate "$work/without" ""
make_crate "$work/with" "\"$feature\""
for variant in without with; do
    (cd "$work/$variant" && cargo build --quiet)
done

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

declare -A times
for _ in $(seq "$rounds"); do
    for variant in without with; do
        cd "$work/$variant"
        cargo clean --quiet -p skms-core
        start=$(date +%s.%N)
        cargo build --quiet
        end=$(date +%s.%N)
        times[$variant]+="$(echo "$end - $start" | bc) "
    done
done
without=$(tr ' ' '\n' <<<"${times[without]}" | grep . | median)
with=$(tr ' ' '\n' <<<"${times[with]}" | grep . | median)
printf 'feature %s: rebuild of skms-core and the crate, median of %s: %.2f s without, %.2f s with, %+.2f s\n' \
    "$feature" "$rounds" "$without" "$with" "$(echo "$with - $without" | bc)"

if command -v valgrind >/dev/null; then
    wrapper="$work/rustc-callgrind"
    cat >"$wrapper" <<'EOF'
#!/usr/bin/env bash
# Counts the instructions of rustc for skms-core only.
rustc="$1"; shift
if [[ " $* " == *" --crate-name skms_core "* ]]; then
    exec valgrind --tool=callgrind --callgrind-out-file="$CALLGRIND_OUT" "$rustc" "$@"
fi
exec "$rustc" "$@"
EOF
    chmod +x "$wrapper"
    for variant in without with; do
        cd "$work/$variant"
        cargo clean --quiet -p skms-core
        CALLGRIND_OUT="$work/$variant.callgrind" RUSTC_WRAPPER="$wrapper" cargo build --quiet 2>/dev/null
        instructions=$(grep -m1 '^summary:' "$work/$variant.callgrind" | awk '{print $2}')
        printf 'feature %s: rustc instructions for skms-core %s it: %s M\n' \
            "$feature" "$variant" "$((instructions / 1000000))"
    done
fi
