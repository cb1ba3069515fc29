//! Compile-fail suite for `#[derive(SkmsError)]`: every mistake in the
//! attribute is a compile error with a span on the mistake. One case per
//! diagnostic in `tests/ui/<key>_<problem>.rs`, its expected output beside
//! it in `<key>_<problem>.stderr`; the key is the attribute key the mistake
//! is about (`code_duplicate`), or `skms` for the attribute itself
//! (`skms_key_unknown`), or the item (`enum_`, `struct_`, `union_`,
//! `variant_`), so that the cases of one key sit together. Regenerate with
//! `TRYBUILD=overwrite cargo test --features ui --test ui` and review the
//! diff.
//!
//! `cargo test` leaves this suite out (`test = false` in Cargo.toml):
//! trybuild builds its cases in a project of its own with the run's
//! features, every web stack under `--all-features`. Run it with
//! `cargo test --features ui --test ui`, as `.ci/run` does (under a
//! minute); the
//! derive's unit test `ui_cases_report_their_stderr` checks every case's
//! derive messages against its `.stderr` without rustc, in the README's
//! test command.

#[rustversion::attr(
    not(stable(1.95)),
    ignore = "compiler diagnostics change between releases; the .stderr files are for rustc 1.95"
)]
#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

/// The errors that only `cargo build` finds: a composition check that
/// depends on a type parameter is evaluated after monomorphization, where
/// the generic type is used, and `cargo check` does not monomorphize.
///
/// trybuild checks its cases with `cargo check`, unless one of them is a
/// pass case: then it builds them all with `cargo build` (and runs the pass
/// cases). `tests/ui-build/generic_composes.rs` is that pass case. Each
/// compile-fail case here compiles under `cargo check`; its `.stderr` shows
/// the error that the build stops at.
#[rustversion::attr(
    not(stable(1.95)),
    ignore = "compiler diagnostics change between releases; the .stderr files are for rustc 1.95"
)]
#[test]
fn ui_build() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui-build/generic_composes.rs");
    t.compile_fail("tests/ui-build/code_conflict_*.rs");
    t.compile_fail("tests/ui-build/reserved_*.rs");
}
