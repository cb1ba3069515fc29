#!/usr/bin/env bash
# A newcomer's first commands, timed from a fresh clone (BENCHMARKS.md, "A
# newcomer's first commands"): the README's two commands in its order, cold,
# then the test command again after a one-line change to skms-derive.
#
# - quickstart: `cargo run --example quickstart`, from an empty target dir;
# - test, cold: `cargo test --workspace --all-features`, right after it;
# - test, warm: the same, after one line of skms-derive/src/lib.rs changed
#   (a string constant added: every crate that uses the derive rebuilds);
# - ui (with UI=1): the trybuild suite as `.ci/run` runs it on its own.
#
# The clone is of a commit of this repository (HEAD unless given), so that
# nothing of this worktree's target/ is reused; cargo's registry cache is,
# as on any machine that has built a Rust project before (no downloads are
# timed). Each step prints its wall time, and the CPU time (user + system)
# of cargo and everything it ran: the first depends on the load of the
# machine, the second much less. Each step's `cargo --timings` report is
# kept beside the clone. A step that fails is reported, and the next ones
# run all the same (cargo test stops at the first test binary that fails:
# its time is then short of the whole command's).
#
# Usage: scripts/first-run.sh [COMMIT]   (WARM=0 skips the warm run, UI=1
# adds the ui suite; KEEP=1 keeps the clone)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
commit=${1:-HEAD}
export CARGO_TERM_COLOR=never
unset CARGO_TARGET_DIR

clone=$(mktemp -d /tmp/first-run.XXXXXX)
git clone --quiet "$repo" "$clone"
git -C "$clone" checkout --quiet "$(git -C "$repo" rev-parse "$commit")"
cd "$clone"
echo "first-run: $(git log -1 --format='%h %s' | cut -c1-72)"
echo "first-run: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"

timed() {
    local name=$1
    shift
    local outcome=
    /usr/bin/time -o "$clone.$name.time" -f '%e %U %S' "$@" >"$clone.$name.log" 2>&1 ||
        outcome="FAILED (log in $clone.$name.log): "
    local report
    report=$(ls -t target/cargo-timings/cargo-timing-*.html 2>/dev/null | head -1 || true)
    [[ -n $report ]] && cp "$report" "$clone.$name.html"
    local wall user sys
    read -r wall user sys < <(tail -1 "$clone.$name.time")
    printf 'first-run: %-11s %s%6.1f s, CPU %6.1f s   (load average %s)\n' "$name" "$outcome" \
        "$wall" "$(echo "$user + $sys" | bc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
    [[ -z $outcome ]] || failed=1
}
failed=0

timed quickstart cargo run --timings --example quickstart
timed test-cold cargo test --timings --workspace --all-features
if [[ ${WARM:-1} == 1 ]]; then
    echo 'const _FIRST_RUN: &str = "a one-line change";' >>skms-derive/src/lib.rs
    timed test-warm cargo test --timings --workspace --all-features
fi
if [[ ${UI:-0} == 1 ]]; then
    timed ui cargo test --features ui --test ui
fi
echo "first-run: logs and --timings reports in $clone.*"
[[ ${KEEP:-0} == 1 ]] || rm -rf "$clone"
exit $failed
