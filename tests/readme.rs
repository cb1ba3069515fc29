//! The README and the guides of `docs/` say what the code does: their
//! examples are the crate docs' (which are doc-tested), their attribute
//! tables the crate docs', and their catalog table is `StandardError`'s.

use skms_core::{Catalog, StandardError};

const README: &str = include_str!("../README.md");
const CRATE_DOCS: &str = include_str!("../skms-core/src/lib.rs");
const CATALOGS: &str = include_str!("../docs/catalogs.md");
const CLIENT: &str = include_str!("../docs/client.md");
const HTTP: &str = include_str!("../docs/http.md");
const GRPC: &str = include_str!("../docs/grpc.md");
const OPENAPI: &str = include_str!("../docs/openapi.md");

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

/// The `rust` block of `page` (the README or a guide) that follows
/// `heading`.
fn block_after(page: &'static str, heading: &str) -> &'static str {
    let section = page.find(heading).expect(heading);
    let start = page[section..].find("```rust\n").unwrap() + section + "```rust\n".len();
    let end = page[start..].find("```").unwrap() + start;
    &page[start..end]
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
    assert_eq!(block_after(GRPC, "# Over gRPC"), doc_block(&docs, 0, "```"));
}

#[test]
fn the_readme_decoding_example_is_the_doc_tested_one() {
    assert_eq!(
        block_after(CLIENT, "## Decoding"),
        docs_block_after("# Decoding")
    );
}

/// The reqwest block: the `reqwest` module's first doc test (compiled, not
/// run: it needs a server), whose typed decoding it shows.
#[test]
fn the_readme_reqwest_example_is_the_doc_tested_one() {
    let docs = module_docs(include_str!("../skms-core/src/reqwest.rs"));
    assert_eq!(
        block_after(CLIENT, "## Reading SKMS errors with reqwest"),
        doc_block(&docs, 0, "```no_run")
    );
}

#[test]
fn the_readme_openapi_example_is_the_doc_tested_one() {
    assert_eq!(
        block_after(OPENAPI, "# OpenAPI"),
        docs_block_after("# OpenAPI")
    );
}

#[test]
fn the_readme_says_how_to_fuzz() {
    assert!(README.contains("cargo +nightly fuzz run decode fuzz/corpus/decode fuzz/seeds"));
}

#[test]
fn the_catalog_guide_lists_the_standard_catalog() {
    let rows: Vec<&str> = CATALOGS
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

/// The catalog guide's composition error is the one the compiler prints for the
/// same enum (`tests/ui/code_conflict_with_included.rs`), message and label.
#[test]
fn the_readme_composition_error_is_the_compilers() {
    let stderr = include_str!("ui/code_conflict_with_included.stderr");
    let section = CATALOGS.find("## Composing catalogs").unwrap();
    let start = CATALOGS[section..].find("```text\n").unwrap() + section + "```text\n".len();
    let end = CATALOGS[start..].find("```").unwrap() + start;
    let sample: Vec<&str> = CATALOGS[start..end].lines().collect();
    let compiler: Vec<&str> = stderr.lines().collect();
    assert_eq!(sample.len(), compiler.len());
    // The message, and the source lines after the location (which names
    // the file).
    assert_eq!(sample[0], compiler[0]);
    assert_eq!(sample[2..], compiler[2..]);
}

/// The HTTP guide's rejection example is the doc-tested one of
/// `skms_core::axum::fallback`, less the lines the guide leaves to the
/// reader (the enum, the imports of axum): each of its lines is one there.
#[test]
fn the_readme_rejection_example_is_doc_tested() {
    let docs: Vec<&str> = include_str!("../skms-core/src/axum.rs")
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("///"))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect();
    let block = HTTP
        .find("## Every error an SKMS body")
        .map(|section| {
            let start = HTTP[section..].find("```rust,ignore\n").unwrap()
                + section
                + "```rust,ignore\n".len();
            let end = HTTP[start..].find("```").unwrap() + start;
            &HTTP[start..end]
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

/// The attribute's tables, one source: the README's rows are the crate
/// docs', row for row (the keys of a variant, of a field, of the type).
#[test]
fn the_readme_attribute_tables_are_the_crate_docs() {
    let rows = |text: &str, from: &str, to: &str| -> Vec<String> {
        let start = text.find(from).expect(from);
        let end = text[start..].find(to).expect(to) + start;
        text[start..end]
            .lines()
            .map(|line| line.strip_prefix("//! ").unwrap_or(line))
            .filter(|line| line.starts_with("| `"))
            .map(str::to_owned)
            .collect()
    };
    let readme = rows(README, "## The attribute", "### With thiserror");
    let docs = rows(
        CRATE_DOCS,
        "//! # The attribute",
        "//! # What the derive implements",
    );
    assert_eq!(readme.len(), 16);
    assert_eq!(readme, docs);
}

/// Every link of the README and the guides to a file of the repository
/// leads to one.
#[test]
fn the_links_between_pages_lead_somewhere() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (page, text) in [
        ("README.md", README),
        ("docs/catalogs.md", CATALOGS),
        ("docs/client.md", CLIENT),
        ("docs/http.md", HTTP),
        ("docs/grpc.md", GRPC),
        ("docs/openapi.md", OPENAPI),
        ("docs/observing.md", include_str!("../docs/observing.md")),
    ] {
        let dir = root.join(page).parent().unwrap().to_owned();
        for target in text.split("](").skip(1) {
            let target = &target[..target.find(')').unwrap()];
            let file = target.split('#').next().unwrap();
            if file.is_empty() || file.starts_with("http") {
                continue;
            }
            assert!(dir.join(file).exists(), "{page}: a link to {target}");
        }
    }
}
