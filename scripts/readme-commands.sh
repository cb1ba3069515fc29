#!/usr/bin/env bash
# Runs every command that the README and the guides of docs/ show, so that
# none can stop working unnoticed (the fuzz target once stopped compiling
# when a feature stopped being a default, and nothing failed).
#
# - `cargo run --example ...`: built, then run; an example must exit 0.
#   An example that serves (its README block is followed by `curl` commands)
#   is started in the background, the `curl` commands run against it, and
#   their output must be the README's `text` block that follows them.
# - `cargo test ...`: the README's test command; `.ci/run` runs it itself,
#   so here it is only checked to be the one `.ci/run` runs.
# - `cargo +nightly fuzz run ...`: the fuzz crate is type-checked on stable
#   (it is its own workspace, with its own lock file); where nightly and
#   cargo-fuzz are installed, the README's command also fuzzes for a few
#   seconds.
# Any other command in a `sh` block is an error, until this script knows
# how to check it.
#
# Usage: scripts/readme-commands.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

failed=0
fail() {
    echo "readme-commands: $*" >&2
    failed=1
}

# The lines of the page's `sh` blocks, numbered, comments cut.
commands_of() {
    awk '/^```sh$/ {inside = 1; next} /^```/ {inside = 0} inside {sub(/ +#.*/, ""); print NR "\t" $0}' "$1"
}

# The `text` block after line $1 of the README.
text_block_after() {
    awk -v from="$1" 'NR > from && /^```text$/ && !found {inside = 1; found = 1; next}
        inside && /^```/ {exit} inside {print}' "$readme"
}

# The `curl` lines of the `sh` block after line $1.
curls_after() {
    awk -v from="$1" 'NR > from && /^```sh$/ && !found {inside = 1; found = 1; next}
        inside && /^```/ {exit} inside {print}' "$readme"
}

run_example() {
    local line=$1 command=$2
    read -r -a words <<<"$command"
    cargo build --quiet "${words[@]:2}"
    local next_block
    next_block=$(curls_after "$line")
    if grep -q '^curl ' <<<"$next_block"; then
        local log
        log=$(mktemp)
        "${words[@]}" >"$log" 2>&1 &
        local server=$!
        local port
        port=$(grep -o '127\.0\.0\.1:[0-9]*' <<<"$next_block" | head -1)
        for _ in $(seq 100); do
            curl -s -o /dev/null "http://$port/" && break
            sleep 0.1
        done
        local got
        got=$(while read -r curl_line; do eval "$curl_line"; done <<<"$next_block")
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
        local curl_line_number
        curl_line_number=$(grep -n "^$(head -1 <<<"$next_block" | sed 's/[][\.*^$]/\\&/g')\$" "$readme" | head -1 | cut -d: -f1)
        if [[ $got != "$(text_block_after "$curl_line_number")" ]]; then
            fail "$readme:$line: \`$command\` served, and the README's curl commands printed:"
            echo "$got" >&2
            cat "$log" >&2
        fi
        rm -f "$log"
    elif ! "${words[@]}" >/dev/null; then
        fail "$readme:$line: \`$command\` failed"
    fi
}

for readme in README.md docs/*.md; do
    while IFS=$'\t' read -r line command; do
        [[ -z $command ]] && continue
        case $command in
        "cargo run --example "*)
            echo "readme-commands: $command"
            run_example "$line" "$command"
            ;;
        "cargo test "*)
            grep -qF -- "$command" .ci/run || fail "$readme:$line: \`$command\` is not what .ci/run runs"
            ;;
        "cargo +nightly fuzz run "*)
            echo "readme-commands: cargo check of the fuzz target"
            cargo check --quiet --locked --manifest-path fuzz/Cargo.toml --bins --target-dir target ||
                fail "$readme:$line: the fuzz target does not build"
            if cargo +nightly fuzz --version >/dev/null 2>&1; then
                echo "readme-commands: $command, for 5 seconds"
                fuzz_command=${command/-max_total_time=[0-9]*/-max_total_time=5}
                corpus=$(mktemp -d)
                fuzz_command=${fuzz_command/fuzz\/corpus\/decode/$corpus}
                eval "$fuzz_command" >/dev/null 2>&1 || fail "$readme:$line: \`$command\` failed"
                rm -rf "$corpus"
            fi
            ;;
        "curl "*) ;; # run against the example served before them
        *)
            fail "$readme:$line: \`$command\`: this script does not know how to check it"
            ;;
        esac
    done <<<"$(commands_of "$readme")"
done

exit $failed
