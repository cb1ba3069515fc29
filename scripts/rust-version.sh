#!/usr/bin/env bash
# Proves the `rust-version` that skms-core and skms-derive declare: builds
# skms-core with its default features (the derive and JSON decoding), and
# without them, with that compiler. The compiler is Debian 12's `rustc-web`
# and `cargo-web` (/usr/bin/rustc, /usr/bin/cargo) at the version below,
# installed with apt-get when missing; rustup's toolchain stays untouched.
#
# The integration features are not built: axum, actix-web, tonic and utoipa
# need Rust 1.88 or 1.89 through their own dependencies (the README says so).
#
# Usage: scripts/rust-version.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

debian_version="1.85.0+dfsg3-1~deb12u3"
declared=$(sed -n 's/^rust-version = "\(.*\)"$/\1/p' Cargo.toml)
[[ -n $declared ]] || { echo "rust-version: none declared in Cargo.toml" >&2; exit 1; }
for crate in skms-core skms-derive; do
    grep -q '^rust-version.workspace = true$' "$crate/Cargo.toml" ||
        { echo "rust-version: $crate does not take the workspace's" >&2; exit 1; }
done
[[ $debian_version == "$declared".* ]] ||
    { echo "rust-version: $declared declared, but this script installs $debian_version" >&2; exit 1; }

if ! /usr/bin/rustc --version 2>/dev/null | grep -q "^rustc $declared\.0 "; then
    echo "rust-version: installing Debian's rustc-web and cargo-web $debian_version"
    sudo=""
    [[ $(id -u) == 0 ]] || sudo="sudo"
    install() {
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
            "rustc-web=$debian_version" "cargo-web=$debian_version" >/dev/null
    }
    install || { $sudo apt-get update -qq && install; }
fi
/usr/bin/rustc --version

build() {
    echo "rust-version: cargo $declared build $*"
    RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc CARGO_TARGET_DIR=target/rust-version \
        /usr/bin/cargo build --locked --quiet "$@"
}
build -p skms-core
build -p skms-core --no-default-features
