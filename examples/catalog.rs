//! The standard SKMS catalog as data: printed as the reference's Markdown
//! table, then as JSON.
//!
//! Run it with `cargo run --example catalog`.

use skms_core::{Catalog, StandardError};

fn main() {
    let catalog = StandardError::catalog();
    println!("{}", catalog.to_markdown());
    print!("{}", catalog.to_json());
}
