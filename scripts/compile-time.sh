#!/usr/bin/env bash
# Compile-time cost of #[derive(SkmsError)], measured side by side.
#
# 1. Rebuild: one error enum of $VARIANTS variants, generated twice:
#    - `with_skms`: #[derive(Debug, SkmsError)], one #[skms(...)] a variant;
#    - `without_skms`: what a service writes without skms: thiserror for
#      Display and Error, a #[derive(Serialize)] body struct, and hand-written
#      matches for code, status, message and detail.
#    The mix of variants is the same in both: 40% unit variants, 30% with a
#    detail formatted from one String field, 20% from two fields (String,
#    u32), 10% from a tuple u64 field with a spec, and 3 transparent variants
#    wrapping small enums of 10 variants written the same way.
#    Dependencies are built once; then the two crates are rebuilt
#    alternately ($ROUNDS times each, CARGO_INCREMENTAL=0, after touching
#    src/lib.rs) and the medians printed.
# 2. Clean build, against thiserror: the same small service crate, which
#    already uses serde's derive and serde_json, three ways: `svc_base`
#    (serde and serde_json only), `svc_thiserror` (its error enum with
#    thiserror, and a hand-written #[derive(Serialize)] body struct and
#    matches for code, status, message and detail) and `svc_skms` (the same
#    enum with skms-core and #[derive(SkmsError)]); each built from an empty
#    target directory, in turn (the order rotating each round), $CLEAN_ROUNDS
#    rounds; prints the medians, what each adds over the base, and the ratio
#    skms/thiserror. A fourth, `svc_split`, is what a split of skms-core in
#    the manner of serde_core would build: skms-core without its feature
#    `derive` (whose re-export makes skms-core wait for skms-derive) and
#    skms-derive named by the crate itself, so that the two build side by
#    side. With TIMINGS=1, one more build of each with
#    `cargo build --timings`, whose units (start and duration) are printed.
#
# 3. utoipa: what skms-core's feature `utoipa` adds to the build of a crate
#    that already uses utoipa (default features): the crate with skms-core,
#    with and without the feature, each built once (utoipa and every other
#    dependency built), then skms-core cleaned and rebuilt with the crate,
#    alternately.
#
# 4. Instructions (needs valgrind): what rustc executes to rebuild each of
#    the two crates, counted by callgrind, which the load does not move.
#
# 5. Core (needs valgrind): what rustc executes to build skms-core itself,
#    with its default features, and skms-derive, each rebuilt alone in a
#    crate that depends on skms-core (and, for comparison, thiserror and
#    thiserror-impl in the same crate): the part of every clean build of a
#    service that skms adds.
#
# Usage: scripts/compile-time.sh [rebuild|clean|utoipa|instructions|core|all]
#        (default: all, which is rebuild and clean)
# Environment: VARIANTS (1000), ROUNDS (7), CLEAN_ROUNDS (5),
#              PROFILE (dev; or release), MODE (build; or check),
#              TIMINGS (0; 1 for the units of each clean build),
#              WORK (target/compile-time).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
what="${1:-all}"
variants="${VARIANTS:-1000}"
rounds="${ROUNDS:-7}"
clean_rounds="${CLEAN_ROUNDS:-5}"
profile="${PROFILE:-dev}"
mode="${MODE:-build}"
timings="${TIMINGS:-0}"
work="${WORK:-$repo/target/compile-time}"
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never

statuses=(400 404 409 500 503)

# --- generation -----------------------------------------------------------

# The kind of variant `i`: unit, one (one String field), two (String and
# u32), tuple (u64 with a width spec).
kind_of() {
    case $(($1 % 10)) in
        0 | 1 | 2 | 3) echo unit ;;
        4 | 5 | 6) echo one ;;
        7 | 8) echo two ;;
        *) echo tuple ;;
    esac
}

# The variants of enum `$1` (`n` variants, codes from `base`), with skms.
skms_enum() {
    local name="$1" n="$2" base="$3" transparent="$4" i code status
    echo "#[derive(Debug, skms_core::SkmsError)]"
    echo "pub enum $name {"
    for ((i = 0; i < n - transparent; i++)); do
        code=$((base + i))
        status=${statuses[$((i % 5))]}
        case $(kind_of "$i") in
            unit)
                echo "    #[skms(code = $code, status = $status, msg = \"Operation $code failed\")]"
                echo "    V$i,"
                ;;
            one)
                echo "    #[skms(code = $code, status = $status, msg = \"Resource $code not found\", detail = \"resource {id} not found\")]"
                echo "    V$i { id: String },"
                ;;
            two)
                echo "    #[skms(code = $code, status = $status, msg = \"Task $code failed\", detail = \"{name} failed after {attempts} attempts\")]"
                echo "    V$i { name: String, attempts: u32 },"
                ;;
            tuple)
                echo "    #[skms(code = $code, status = $status, msg = \"Limit $code exceeded\", detail = \"limit {0:>8} exceeded\")]"
                echo "    V$i(u64),"
                ;;
        esac
    done
    for ((i = 0; i < transparent; i++)); do
        echo "    #[skms(transparent)]"
        echo "    Inner$i(Inner$i),"
    done
    echo "}"
}

# The same enum as written without skms.
plain_enum() {
    local name="$1" n="$2" base="$3" transparent="$4" i code status
    local own=$((n - transparent))
    echo "#[derive(Debug, thiserror::Error)]"
    echo "pub enum $name {"
    for ((i = 0; i < own; i++)); do
        code=$((base + i))
        case $(kind_of "$i") in
            unit)
                echo "    #[error(\"Operation $code failed\")]"
                echo "    V$i,"
                ;;
            one)
                echo "    #[error(\"resource {id} not found\")]"
                echo "    V$i { id: String },"
                ;;
            two)
                echo "    #[error(\"{name} failed after {attempts} attempts\")]"
                echo "    V$i { name: String, attempts: u32 },"
                ;;
            tuple)
                echo "    #[error(\"limit {0:>8} exceeded\")]"
                echo "    V$i(u64),"
                ;;
        esac
    done
    for ((i = 0; i < transparent; i++)); do
        echo "    #[error(transparent)]"
        echo "    Inner$i(Inner$i),"
    done
    echo "}"
    echo
    echo "impl $name {"
    # One match a method, each arm spelled out, as a service writes them.
    local method ty pattern
    for method in code status message; do
        case $method in
            code) ty=u32 ;;
            status) ty=u16 ;;
            message) ty="&'static str" ;;
        esac
        echo "    pub fn $method(&self) -> $ty {"
        echo "        match self {"
        for ((i = 0; i < own; i++)); do
            code=$((base + i))
            case $(kind_of "$i") in
                unit) pattern="Self::V$i" ;;
                tuple) pattern="Self::V$i(..)" ;;
                *) pattern="Self::V$i { .. }" ;;
            esac
            case $method in
                code) echo "            $pattern => $code," ;;
                status) echo "            $pattern => ${statuses[$((i % 5))]}," ;;
                message)
                    case $(kind_of "$i") in
                        unit) echo "            $pattern => \"Operation $code failed\"," ;;
                        one) echo "            $pattern => \"Resource $code not found\"," ;;
                        two) echo "            $pattern => \"Task $code failed\"," ;;
                        tuple) echo "            $pattern => \"Limit $code exceeded\"," ;;
                    esac
                    ;;
            esac
        done
        for ((i = 0; i < transparent; i++)); do
            echo "            Self::Inner$i(inner) => inner.$method(),"
        done
        echo "        }"
        echo "    }"
    done
    # The detail is the Display of the variants that have one.
    echo "    pub fn detail(&self) -> Option<String> {"
    echo "        match self {"
    local units=()
    for ((i = 0; i < own; i++)); do
        [[ $(kind_of "$i") == unit ]] && units+=("Self::V$i")
    done
    if ((${#units[@]} > 0)); then
        local joined
        joined=$(printf ' | %s' "${units[@]}")
        echo "            ${joined:3} => None,"
    fi
    for ((i = 0; i < transparent; i++)); do
        echo "            Self::Inner$i(inner) => inner.detail(),"
    done
    echo "            _ => Some(self.to_string()),"
    echo "        }"
    echo "    }"
    echo
    echo "    pub fn body(&self) -> ErrorBody {"
    echo "        ErrorBody { code: self.code(), message: self.message(), detail: self.detail() }"
    echo "    }"
    echo "}"
}

# Writes the manifest of the package `$2` into the folder `$1`, whose
# dependencies are the remaining arguments, one line of TOML each.
manifest() {
    local dir="$1" name="$2"
    shift 2
    mkdir -p "$dir"
    {
        printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n' "$name"
        printf '%s\n' "$@"
    } >"$dir/Cargo.toml"
}

generate() {
    local dir="$work/ws"
    mkdir -p "$dir/with_skms/src" "$dir/without_skms/src" \
        "$dir/svc_base/src" "$dir/svc_thiserror/src" "$dir/svc_skms/src" "$dir/svc_split/src"
    cat >"$dir/Cargo.toml" <<EOF
[workspace]
members = ["with_skms", "without_skms", "svc_base", "svc_thiserror", "svc_skms", "svc_split"]
resolver = "2"
EOF
    manifest "$dir/with_skms" "with_skms" "skms-core = { path = \"$repo/skms-core\" }"
    manifest "$dir/without_skms" "without_skms" 'serde = { version = "1", features = ["derive"] }' 'thiserror = "2"'
    {
        echo "//! Generated by scripts/compile-time.sh: $variants variants with skms."
        echo "#![allow(dead_code)]"
        for k in 0 1 2; do
            skms_enum "Inner$k" 10 $((70000 + 100 * k)) 0
            echo
        done
        skms_enum AppError "$variants" 60000 3
    } >"$dir/with_skms/src/lib.rs"
    {
        echo "//! Generated by scripts/compile-time.sh: $variants variants without skms."
        echo "#![allow(dead_code)]"
        echo
        echo "#[derive(Debug, serde::Serialize)]"
        echo "pub struct ErrorBody {"
        echo "    pub code: u32,"
        echo "    pub message: &'static str,"
        echo "    #[serde(skip_serializing_if = \"Option::is_none\")]"
        echo "    pub detail: Option<String>,"
        echo "}"
        echo
        for k in 0 1 2; do
            plain_enum "Inner$k" 10 $((70000 + 100 * k)) 0
            echo
        done
        plain_enum AppError "$variants" 60000 3
    } >"$dir/without_skms/src/lib.rs"

    # The clean-build trio: a small service crate that uses serde's derive
    # and serde_json, alone, with its error written with thiserror and by
    # hand, and with skms-core.
    local serde='serde = { version = "1", features = ["derive"] }' json='serde_json = "1"'
    manifest "$dir/svc_base" svc_base "$serde" "$json"
    manifest "$dir/svc_thiserror" svc_thiserror "$serde" "$json" 'thiserror = "2"'
    manifest "$dir/svc_skms" svc_skms "$serde" "$json" "skms-core = { path = \"$repo/skms-core\" }"
    manifest "$dir/svc_split" svc_split "$serde" "$json" \
        "skms-core = { path = \"$repo/skms-core\", default-features = false, features = [\"json\"] }" \
        "skms-derive = { path = \"$repo/skms-derive\" }"
    local base='#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Account {
    pub id: u64,
    pub name: String,
}

pub fn account_json(account: &Account) -> serde_json::Result<String> {
    serde_json::to_string(account)
}'
    printf '%s\n' "$base" >"$dir/svc_base/src/lib.rs"
    cat >"$dir/svc_thiserror/src/lib.rs" <<RUST
$base

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("keyId : {0}")]
    KeyNotFound(String),
    #[error("Invalid token")]
    InvalidToken,
}

#[derive(Debug, serde::Serialize)]
pub struct ErrorBody {
    pub code: u32,
    pub message: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl AccountError {
    pub fn code(&self) -> u32 {
        match self {
            Self::KeyNotFound(_) => 40013,
            Self::InvalidToken => 40101,
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            Self::KeyNotFound(_) => 400,
            Self::InvalidToken => 401,
        }
    }

    pub fn message(&self) -> &'static str {
        match self {
            Self::KeyNotFound(_) => "Key not found in the keyVault",
            Self::InvalidToken => "Invalid token",
        }
    }

    pub fn detail(&self) -> Option<String> {
        match self {
            Self::KeyNotFound(_) => Some(self.to_string()),
            Self::InvalidToken => None,
        }
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody { code: self.code(), message: self.message(), detail: self.detail() }
    }
}

pub fn error_json(error: &AccountError) -> serde_json::Result<String> {
    serde_json::to_string(&error.body())
}
RUST
    cat >"$dir/svc_skms/src/lib.rs" <<RUST
$base

#[derive(Debug, skms_core::SkmsError)]
pub enum AccountError {
    #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault", detail = "keyId : {0}")]
    KeyNotFound(String),
    #[skms(code = 40101, status = 401, msg = "Invalid token")]
    InvalidToken,
}

pub fn error_json(error: &AccountError) -> serde_json::Result<String> {
    serde_json::to_string(error)
}
RUST
    sed 's/skms_core::SkmsError/skms_derive::SkmsError/' "$dir/svc_skms/src/lib.rs" >"$dir/svc_split/src/lib.rs"
}

# The utoipa pair: a crate that uses utoipa and skms-core, without and with
# skms-core's feature `utoipa`.
generate_utoipa() {
    local dir="$work/ws-utoipa" crate features
    mkdir -p "$dir/utoipa_plain/src" "$dir/utoipa_feature/src"
    cat >"$dir/Cargo.toml" <<EOF
[workspace]
members = ["utoipa_plain", "utoipa_feature"]
resolver = "2"
EOF
    for crate in utoipa_plain utoipa_feature; do
        features='[]'
        [[ $crate == utoipa_feature ]] && features='["utoipa"]'
        manifest "$dir/$crate" "$crate" 'utoipa = "6"' "skms-core = { path = \"$repo/skms-core\", features = $features }"
        cat >"$dir/$crate/src/lib.rs" <<'EOF'
#[derive(utoipa::ToSchema)]
pub struct Key {
    pub id: String,
}

#[derive(Debug, skms_core::SkmsError)]
pub enum KeyError {
    #[skms(code = 40013, detail = "keyId : {0}")]
    KeyNotFound(String),
    #[skms(transparent)]
    Standard(skms_core::StandardError),
}
EOF
    done
}

# --- measurement ----------------------------------------------------------

now() { date +%s.%N; }

# Seconds taken by `cargo $mode -p $1` in target directory $2.
time_build() {
    local start end
    start=$(now)
    cargo "$mode" --quiet --manifest-path "$work/ws/Cargo.toml" --profile "$profile" \
        --target-dir "$2" -p "$1"
    end=$(now)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

# Wall-clock and CPU seconds (user and system, of cargo and every rustc it
# ran) taken by `cargo $mode -p $1` in target directory $2: the CPU time is
# the work the build is, which the load moves far less than the clock.
time_build_cpu() {
    local TIMEFORMAT='%R %U %S' times
    times=$({ time cargo "$mode" --quiet --manifest-path "$work/ws/Cargo.toml" --profile "$profile" \
        --target-dir "$2" -p "$1" 2>&3; } 3>&2 2>&1)
    awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' <<<"$times"
}

median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

list() { tr '\n' ' ' | sed 's/ $//'; }

rebuild() {
    local target="$work/target"
    echo "== rebuild: one enum of $variants variants; cargo $mode, profile $profile, CARGO_INCREMENTAL=0"
    echo "generated: with_skms $(wc -l <"$work/ws/with_skms/src/lib.rs") lines," \
        "without_skms $(wc -l <"$work/ws/without_skms/src/lib.rs") lines"
    # Dependencies, and a first build of each, not measured.
    time_build with_skms "$target" >/dev/null
    time_build without_skms "$target" >/dev/null
    local skms=() plain=() r first second t
    for ((r = 1; r <= rounds; r++)); do
        # Alternate which goes first, so that neither always runs warm.
        if ((r % 2)); then first=with_skms second=without_skms; else first=without_skms second=with_skms; fi
        for crate in "$first" "$second"; do
            touch "$work/ws/$crate/src/lib.rs"
            t=$(time_build "$crate" "$target")
            if [[ $crate == with_skms ]]; then skms+=("$t"); else plain+=("$t"); fi
            printf '  round %d %-13s %6.2f s\n' "$r" "$crate" "$t"
        done
    done
    local ms mp
    ms=$(printf '%s\n' "${skms[@]}" | median)
    mp=$(printf '%s\n' "${plain[@]}" | median)
    echo "with_skms    median $(printf '%.2f' "$ms") s  (runs: $(printf '%.2f\n' "${skms[@]}" | list))"
    echo "without_skms median $(printf '%.2f' "$mp") s  (runs: $(printf '%.2f\n' "${plain[@]}" | list))"
    echo "with_skms / without_skms = $(awk -v a="$ms" -v b="$mp" 'BEGIN { printf "%.2f", a / b }')"
}

# The units of the build of `$1` in the empty target directory `$2`, by
# `cargo build --timings`: name, start and duration in seconds, by start.
timed_units() {
    rm -rf "$2"
    cargo "$mode" --quiet --manifest-path "$work/ws/Cargo.toml" --profile "$profile" \
        --target-dir "$2" -p "$1" --timings >/dev/null
    # cargo-timing.html holds its units as JSON: `const UNIT_DATA = [..];`.
    python3 - "$2/cargo-timings/cargo-timing.html" <<'PY'
import json, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
total = max(u["start"] + u["duration"] for u in units)
for u in sorted(units, key=lambda u: u["start"]):
    target = u["target"].strip() or "lib"
    print(f'    {u["name"]:<22} {target:<20} start {u["start"]:6.2f} s  took {u["duration"]:5.2f} s')
print(f"    total {total:.2f} s")
PY
}

# Clean builds of the service crate four ways, in turn, each from an empty
# target directory; prints the medians (wall clock and CPU), what each adds
# over the base, and the ratio of what skms-core adds to what thiserror adds.
clean() {
    echo "== clean build of a small service crate (serde derive + serde_json): base, + thiserror," \
        "+ skms-core, + skms-core split; cargo $mode, profile $profile, median of $clean_rounds," \
        "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
    local crates=(svc_base svc_thiserror svc_skms svc_split) r k crate wall cpu
    declare -A walls cpus
    for ((r = 0; r < clean_rounds; r++)); do
        # Rotate the order, so that none always runs first or last.
        for ((k = 0; k < ${#crates[@]}; k++)); do
            crate=${crates[$(((r + k) % ${#crates[@]}))]}
            rm -rf "$work/clean-$crate"
            read -r wall cpu < <(time_build_cpu "$crate" "$work/clean-$crate")
            walls[$crate]+="$wall "
            cpus[$crate]+="$cpu "
            printf '  round %d %-14s %6.2f s  (CPU %6.2f s)\n' "$((r + 1))" "$crate" "$wall" "$cpu"
        done
    done
    local -A wall_median cpu_median
    for crate in "${crates[@]}"; do
        wall_median[$crate]=$(tr ' ' '\n' <<<"${walls[$crate]}" | grep . | median)
        cpu_median[$crate]=$(tr ' ' '\n' <<<"${cpus[$crate]}" | grep . | median)
        printf '%-14s median %6.2f s (runs: %s), CPU %6.2f s (runs: %s)\n' "$crate" \
            "${wall_median[$crate]}" "${walls[$crate]% }" "${cpu_median[$crate]}" "${cpus[$crate]% }"
    done
    local what
    for what in wall cpu; do
        local -n m="${what}_median"
        awk -v what="$what" -v b="${m[svc_base]}" -v p="${m[svc_thiserror]}" -v s="${m[svc_skms]}" \
            -v t="${m[svc_split]}" 'BEGIN {
            printf "%-4s: thiserror adds %.2f s, skms-core adds %.2f s, split %.2f s;", what, p - b, s - b, t - b
            d = p - b != 0 ? p - b : 1e-9
            printf " skms/thiserror = %.2f, split/thiserror = %.2f\n", (s - b) / d, (t - b) / d
        }'
    done
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
    if [[ $timings == 1 ]]; then
        for crate in "${crates[@]}"; do
            echo "cargo $mode --timings, $crate (load $(cut -d' ' -f1-3 /proc/loadavg)):"
            timed_units "$crate" "$work/timings-$crate"
        done
    fi
}

utoipa() {
    generate_utoipa
    local manifest="$work/ws-utoipa/Cargo.toml"
    echo "== skms-core rebuilt in a crate that uses utoipa, without and with its feature utoipa; cargo $mode, profile $profile"
    local crate
    for crate in utoipa_plain utoipa_feature; do
        cargo "$mode" --quiet --manifest-path "$manifest" --profile "$profile" \
            --target-dir "$work/target-$crate" -p "$crate"
    done
    local a=() b=() r first second t start
    for ((r = 1; r <= clean_rounds; r++)); do
        if ((r % 2)); then first=utoipa_plain second=utoipa_feature; else first=utoipa_feature second=utoipa_plain; fi
        for crate in "$first" "$second"; do
            cargo clean --quiet --manifest-path "$manifest" --profile "$profile" \
                --target-dir "$work/target-$crate" -p skms-core
            start=$(now)
            cargo "$mode" --quiet --manifest-path "$manifest" --profile "$profile" \
                --target-dir "$work/target-$crate" -p "$crate"
            t=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.3f\n", b - a }')
            if [[ $crate == utoipa_plain ]]; then a+=("$t"); else b+=("$t"); fi
            printf '  round %d %-15s %6.2f s\n' "$r" "$crate" "$t"
        done
    done
    local ma mb
    ma=$(printf '%s\n' "${a[@]}" | median)
    mb=$(printf '%s\n' "${b[@]}" | median)
    echo "without the feature median $(printf '%.2f' "$ma") s  (runs: $(printf '%.2f\n' "${a[@]}" | list))"
    echo "with the feature    median $(printf '%.2f' "$mb") s  (runs: $(printf '%.2f\n' "${b[@]}" | list))"
    echo "feature utoipa adds $(awk -v a="$mb" -v b="$ma" 'BEGIN { printf "%.2f", a - b }') s"
}

# Instructions that rustc executes for each crate's rebuild, counted by
# callgrind: a load-independent cross-check of the wall-clock medians.
instructions() {
    local target="$work/target-instructions" wrapper="$work/callgrind-rustc.sh" crate
    cat >"$wrapper" <<'WRAPPER'
#!/usr/bin/env bash
# RUSTC_WRAPPER: rustc under callgrind for the measured crate only.
rustc="$1"
shift
for arg in "$@"; do
    if [[ $arg == "$MEASURED" ]]; then
        exec valgrind --tool=callgrind --callgrind-out-file=/dev/null --log-file="$LOG" "$rustc" "$@"
    fi
done
exec "$rustc" "$@"
WRAPPER
    chmod +x "$wrapper"
    echo "== instructions of rustc: one enum of $variants variants; cargo $mode, profile $profile"
    for crate in with_skms without_skms; do
        time_build "$crate" "$target" >/dev/null
        touch "$work/ws/$crate/src/lib.rs"
        MEASURED=$crate LOG="$work/callgrind-$crate.log" RUSTC_WRAPPER="$wrapper" \
            time_build "$crate" "$target" >/dev/null
        printf '%-13s %6d M instructions\n' "$crate" \
            "$(grep -o 'Collected : [0-9]*' "$work/callgrind-$crate.log" | awk '{ print int($3 / 1e6) }')"
    done
}

# Instructions that rustc executes to build skms-core (default features)
# and skms-derive, each rebuilt alone in a crate that depends on skms-core,
# counted by callgrind; and, in the same crate, thiserror and
# thiserror-impl, what a service builds instead.
core() {
    local dir="$work/core" wrapper="$work/callgrind-core.sh" crate
    mkdir -p "$dir/src"
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "core_cost"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
skms-core = { path = "$repo/skms-core" }
thiserror = "2"
EOF
    : >"$dir/src/lib.rs"
    cat >"$wrapper" <<'WRAPPER'
#!/usr/bin/env bash
# RUSTC_WRAPPER: rustc under callgrind for the crate $MEASURED only.
rustc="$1"
shift
for arg in "$@"; do
    if [[ $arg == "$MEASURED" ]]; then
        exec valgrind --tool=callgrind --callgrind-out-file=/dev/null --log-file="$LOG" "$rustc" "$@"
    fi
done
exec "$rustc" "$@"
WRAPPER
    chmod +x "$wrapper"
    echo "== instructions of rustc: each crate rebuilt alone, skms-core with its default features; cargo build, profile $profile"
    cargo build --quiet --manifest-path "$dir/Cargo.toml" --profile "$profile" --target-dir "$dir/target"
    for crate in skms-core skms-derive thiserror thiserror-impl; do
        cargo clean --quiet --manifest-path "$dir/Cargo.toml" --profile "$profile" --target-dir "$dir/target" -p "$crate"
        MEASURED="${crate//-/_}" LOG="$work/callgrind-$crate.log" RUSTC_WRAPPER="$wrapper" \
            cargo build --quiet --manifest-path "$dir/Cargo.toml" --profile "$profile" --target-dir "$dir/target"
        printf '%-15s %6d M instructions\n' "$crate" \
            "$(grep -o 'Collected : [0-9]*' "$work/callgrind-$crate.log" | awk '{ print int($3 / 1e6) }')"
    done
}

if [[ $what == core ]]; then
    mkdir -p "$work"
    core
    exit
fi

generate
case "$what" in
    rebuild) rebuild ;;
    clean) clean ;;
    utoipa) utoipa ;;
    instructions) instructions ;;
    all)
        rebuild
        clean
        ;;
    *)
        echo "usage: $0 [rebuild|clean|utoipa|instructions|core|all]" >&2
        exit 2
        ;;
esac
