//! Compile-fail suite for `#[derive(SkmsError)]`: every mistake in the
//! attribute is a compile error with a span on the mistake. One case per
//! diagnostic in `tests/ui/<rule>.rs`, its expected output beside it in
//! `<rule>.stderr`; regenerate with `TRYBUILD=overwrite cargo test --test ui`
//! and review the diff.

#[rustversion::attr(
    not(stable(1.95)),
    ignore = "compiler diagnostics change between releases; the .stderr files are for rustc 1.95"
)]
#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
