//! `#[derive(SkmsError)]`. Use it through `skms-core`, which re-exports it and
//! documents the attribute; the generated code names nothing but `skms_core`
//! and `core`.
//!
//! The derive is a small compiler: `ast` reads the input into a model, `attr`
//! parses `#[skms(...)]` (`keys` says which key may stand where, `grpc`
//! reads gRPC code names), `fmt` parses the `detail` format string once,
//! `valid` checks every rule, resolves every field a detail names and
//! collects every error (`ctxt`), and `expand` writes the code from that
//! plan, which cannot fail by then (`expand::generics` adds the bounds,
//! `expand::plain` reads the plain details); `texts` encodes the texts of plain details, `respan` moves spans onto the user's
//! tokens, and `fallback` is what is written after an error.

#![warn(clippy::pedantic)]
// Lints allowed for the whole crate, each with its reason:
// - needless_pass_by_value: syn's parse callbacks and quote's interpolation
//   take owned values in places where a borrow would only add noise.
// - single_match_else: a `match` on `Ok`/`Err` with work in both arms reads
//   better than `if let ... else`.
// - too_many_lines: the match over every key, and the quote! of the impls,
//   read best whole.
#![allow(
    clippy::needless_pass_by_value,
    clippy::single_match_else,
    clippy::too_many_lines
)]

mod ast;
mod attr;
mod ctxt;
mod expand;
mod fallback;
mod fmt;
mod grpc;
mod keys;
mod respan;
mod texts;
mod valid;

#[cfg(test)]
mod own_types;
#[cfg(test)]
mod tests;

use proc_macro::TokenStream;
use syn::parse_macro_input;

/// Derives `SkmsError`, `Catalog`, `FromBody`, `serde::Serialize`,
/// `Display` and `std::error::Error`, and `From` for each field marked
/// `#[from]`. See the skms-core documentation for the attribute.
///
/// `#[from]` is thiserror's attribute, declared here too so that either
/// derive reads it: on the one field of a variant (transparent, or with an
/// entry of its own, whose source the field then is), it writes
/// `impl From<Field> for E`. Under `std_error = false` the derive writes
/// neither `Error` nor `From`, and `#[from]` is the other derive's
/// (thiserror's, which writes both): never two `From` impls.
///
/// `FromBody` rebuilds a received body as the variant of its code when the
/// variant can be read back: a variant without fields; one whose fields all
/// appear in its `detail` without a format spec (`detail = "keyId :
/// {key_id}"`), each field parsed from its part of the detail with its
/// `FromStr` and kept only when its `Display` writes that part again; one
/// whose only field is marked `#[skms(detail)]`; and, through their field's
/// type, transparent variants. Every other variant's bodies are `None`
/// (kept whole by `Decoded`). Each entry of the catalog says which
/// (`Entry::rebuilt`).
#[proc_macro_derive(SkmsError, attributes(skms, from))]
pub fn derive_skms_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}
