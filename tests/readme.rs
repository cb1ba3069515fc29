//! The README says what the code does: its example is the crate docs' (which
//! are doc-tested) and its catalog table is `StandardError`'s.

use skms_core::{Catalog, StandardError};

const README: &str = include_str!("../README.md");
const CRATE_DOCS: &str = include_str!("../skms-core/src/lib.rs");

/// The module docs of a source file: its leading `//!` lines, without the
/// `//! ` prefix.
fn module_docs(source: &str) -> String {
    source
        .lines()
        .map_while(|line| line.strip_prefix("//!"))
        .map(|line| format!("{}\n", line.strip_prefix(' ').unwrap_or(line)))
        .collect()
}

/// The first code block of `docs` after `from` whose fence is `fence`
/// (```` ``` ````, ```` ```no_run ````), without its hidden lines (`# ...`).
fn doc_block(docs: &str, from: usize, fence: &str) -> String {
    let open = format!("{fence}\n");
    let start = docs[from..].find(&open).expect(fence) + from + open.len();
    let end = docs[start..].find("```").unwrap() + start;
    docs[start..end]
        .lines()
        .filter(|line| !line.starts_with("# "))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The `rust` block of the README that follows `heading`.
fn readme_block_after(heading: &str) -> &'static str {
    let section = README.find(heading).expect(heading);
    let start = README[section..].find("```rust\n").unwrap() + section + "```rust\n".len();
    let end = README[start..].find("```").unwrap() + start;
    &README[start..end]
}

/// The doc-tested block of the crate docs that follows `heading`, without its
/// hidden lines.
fn docs_block_after(heading: &str) -> String {
    let docs = module_docs(CRATE_DOCS);
    let section = docs.find(heading).expect(heading);
    doc_block(&docs, section, "```")
}

#[test]
fn the_readme_example_is_the_doc_tested_one() {
    let start = README.find("```rust\n").expect("a rust block") + "```rust\n".len();
    let end = README[start..].find("```").unwrap() + start;
    let readme_example = &README[start..end];
    assert_eq!(
        readme_example,
        doc_block(&module_docs(CRATE_DOCS), 0, "```")
    );
}

#[test]
fn the_readme_grpc_example_is_the_doc_tested_one() {
    // The first block of the `tonic` module's docs, without hidden lines.
    let docs = module_docs(include_str!("../skms-core/src/tonic.rs"));
    assert_eq!(
        readme_block_after("## Over gRPC"),
        doc_block(&docs, 0, "```")
    );
}

#[test]
fn the_readme_decoding_example_is_the_doc_tested_one() {
    assert_eq!(
        readme_block_after("## Decoding"),
        docs_block_after("# Decoding")
    );
}

/// The reqwest block: the `reqwest` module's first doc test (compiled, not
/// run: it needs a server), whose typed decoding it shows.
#[test]
fn the_readme_reqwest_example_is_the_doc_tested_one() {
    let docs = module_docs(include_str!("../skms-core/src/reqwest.rs"));
    assert_eq!(
        readme_block_after("### Reading SKMS errors with reqwest"),
        doc_block(&docs, 0, "```no_run")
    );
}

#[test]
fn the_readme_openapi_example_is_the_doc_tested_one() {
    assert_eq!(
        readme_block_after("## OpenAPI"),
        docs_block_after("# OpenAPI")
    );
}

#[test]
fn the_readme_says_how_to_fuzz() {
    assert!(README.contains("cargo +nightly fuzz run decode fuzz/corpus/decode fuzz/seeds"));
}

#[test]
fn the_readme_catalog_is_the_standard_catalog() {
    let rows: Vec<&str> = README
        .lines()
        .filter(|line| line.starts_with("| 4") || line.starts_with("| 5"))
        .filter(|line| line.ends_with("` |"))
        .collect();
    assert_eq!(rows.len(), StandardError::ENTRIES.len());
    for (row, entry) in rows.iter().zip(StandardError::ENTRIES) {
        let expected = format!(
            "| {} | {} | {} | {} | `{}` |",
            entry.code,
            entry.message,
            entry.description.unwrap().replace('\n', "<br>"),
            entry.status,
            entry.variant
        );
        assert_eq!(*row, expected);
    }
}

#[test]
fn the_readme_names_the_two_commands() {
    assert!(README.contains("cargo run --example quickstart"));
    assert!(README.contains("cargo test --workspace"));
}

/// The README's composition error is the one the compiler prints for the
/// same enum (`tests/ui/code_conflict_with_included.rs`), message and label.
#[test]
fn the_readme_composition_error_is_the_compilers() {
    let stderr = include_str!("ui/code_conflict_with_included.stderr");
    let section = README.find("### Composing catalogs").unwrap();
    let start = README[section..].find("```text\n").unwrap() + section + "```text\n".len();
    let end = README[start..].find("```").unwrap() + start;
    let sample: Vec<&str> = README[start..end].lines().collect();
    let compiler: Vec<&str> = stderr.lines().collect();
    assert_eq!(sample.len(), compiler.len());
    // The message, and the source lines after the location (which names
    // the file).
    assert_eq!(sample[0], compiler[0]);
    assert_eq!(sample[2..], compiler[2..]);
}

/// The README's rejection example is the doc-tested one of
/// `skms_core::axum::fallback`, less the lines the README leaves to the
/// reader (the enum, the imports of axum): each of its lines is one there.
#[test]
fn the_readme_rejection_example_is_doc_tested() {
    let docs: Vec<&str> = include_str!("../skms-core/src/axum.rs")
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("///"))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect();
    let block = README
        .find("### Every error an SKMS body")
        .map(|section| {
            let start = README[section..].find("```rust,ignore\n").unwrap()
                + section
                + "```rust,ignore\n".len();
            let end = README[start..].find("```").unwrap() + start;
            &README[start..end]
        })
        .unwrap();
    assert!(block.lines().count() > 20);
    for line in block.lines().filter(|line| !line.is_empty()) {
        assert!(
            docs.contains(&line),
            "not in the doc-tested example: {line}"
        );
    }
}
