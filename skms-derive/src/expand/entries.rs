//! The catalog entry of each variant: one call into `__private` with few
//! arguments, and the `with_*` calls around it for the optional keys.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens, TokenStreamExt as _};

use super::from_body::{rebuild_of, Rebuild};
use super::generics::GenericNames;
use super::plain::PlainDetail;
use crate::respan::respan;
use crate::texts;
use crate::valid::{DetailPlan, Kind, OwnEntry, Plan};

/// The entries of the type's own variants, comma-separated, in one stream,
/// and how many. A macro runs unoptimized and each `TokenStream` spliced
/// into another costs round-trips to the compiler: streams are collected at
/// once (one concatenation), never spliced one at a time as `#(#entries),*`
/// would.
pub(crate) fn entries(
    krate: &syn::Path,
    private: &TokenStream,
    plan: &Plan,
    plain_details: &[Option<PlainDetail>],
    detail_templates: bool,
    generics: &GenericNames,
) -> (usize, TokenStream) {
    let mut entry_count = 0;
    for (_, kind) in &plan.variants {
        if let Kind::Own { .. } = kind {
            entry_count += 1;
        }
    }
    let mut entries = Vec::with_capacity(entry_count);
    for ((variant, kind), plain) in plan.variants.iter().zip(plain_details) {
        let Kind::Own { index, entry } = kind else {
            continue;
        };
        let mut tokens = entry_tokens(
            krate,
            private,
            &variant.ident.to_string(),
            entry,
            plain.as_ref(),
            detail_templates,
        );
        // Whether the variant is rebuilt from a body, where its
        // fields make it differ from what its detail alone says.
        let rebuilt = rebuild_of(variant, entry, plain.as_ref(), generics).mark();
        if rebuilt != Rebuild::default_mark(entry, plain.as_ref()) {
            let rebuilt = Literal::u8_unsuffixed(rebuilt);
            tokens = private_call(krate, "with_rebuilt", tokens, &[&rebuilt]);
        }
        if index + 1 < entry_count {
            tokens.append(Punct::new(',', Spacing::Alone));
        }
        entries.push(tokens);
    }
    let entries = super::concat(entries);
    (entry_count, entries)
}

/// `__private::entry(40013, 400, "msg", "Variant", "{\"code\":..")`, or
/// `entry_plain_detail`/`entry_formatted` for a detail formatted from fields, with
/// the rest added around it. One call, few arguments: in a table of a
/// thousand entries, each costs the compiler.
///
/// Written for speed, as this runs once a variant: each wrapper moves the
/// call it wraps into its parentheses (`private_call`) rather than splicing a copy.
fn entry_tokens(
    krate: &syn::Path,
    private: &TokenStream,
    variant: &str,
    entry: &OwnEntry,
    plain: Option<&PlainDetail>,
    detail_templates: bool,
) -> TokenStream {
    let code = Literal::u32_unsuffixed(entry.code);
    let base = match &entry.status_and_message {
        Some((status, message)) => {
            let status = Literal::u16_unsuffixed(*status);
            let json_prefix = json_prefix(entry.code, message);
            match (&entry.detail, plain) {
                (None, _) => {
                    quote!(__skms_entry(#code, #status, #message, #variant, #json_prefix))
                }
                (Some(DetailPlan::Static(text)), _) => quote!(#private::with_static_detail(
                    #private::entry(#code, #status, #message, #variant, #json_prefix),
                    #text,
                )),
                (Some(DetailPlan::Formatted { .. }), Some(plain)) => {
                    let texts = &plain.entry_texts;
                    quote!(__skms_entry_plain_detail(
                        #code, #status, #message, #variant, #json_prefix, #texts
                    ))
                }
                (Some(DetailPlan::Formatted { .. }), None) => quote!(__skms_entry_formatted(
                    #code, #status, #message, #variant, #json_prefix
                )),
            }
        }
        None => {
            // Spanned on the code, where a code that is not standard is
            // reported by const evaluation: the panic is the table's, with
            // the message that `reuse` computes.
            let spanned = respan(private, entry.code_span);
            let reuse = quote_spanned! {entry.code_span=>
                match #spanned::reuse(#code, #variant) {
                    ::core::result::Result::Ok(__entry) => __entry,
                    ::core::result::Result::Err(__message) => ::core::panic!("{}", __message.as_str()),
                }
            };
            match (&entry.detail, plain) {
                (None, _) => reuse,
                (Some(DetailPlan::Static(text)), _) => {
                    quote!(#private::with_static_detail(#reuse, #text))
                }
                (Some(DetailPlan::Formatted { .. }), Some(plain)) => {
                    let texts = &plain.entry_texts;
                    quote!(#private::with_plain_detail(#reuse, #texts))
                }
                (Some(DetailPlan::Formatted { .. }), None) => {
                    quote!(#private::with_formatted_detail(#reuse))
                }
            }
        }
    };
    // Only for skms-core's `utoipa` (see skms-derive's Cargo.toml).
    let base = match &entry.detail {
        Some(DetailPlan::Formatted { template, .. }) if detail_templates => {
            private_call(krate, "with_detail_template", base, &[template])
        }
        _ => base,
    };
    let base = match &entry.description {
        Some(description) => private_call(krate, "with_description", base, &[description]),
        None => base,
    };
    let base = match &entry.doc {
        Some(doc) => private_call(krate, "with_doc", base, &[doc]),
        None => base,
    };
    let base = match &entry.deprecated {
        Some(note) => private_call(krate, "with_deprecated", base, &[note]),
        None => base,
    };
    let base = match entry.exposure {
        None => base,
        Some(public) => {
            let exposure = Ident::new(
                if public { "Public" } else { "Internal" },
                Span::call_site(),
            );
            let exposure = quote!(#krate::DetailExposure::#exposure);
            private_call(krate, "with_exposure", base, &[&exposure])
        }
    };
    match entry.grpc {
        None => base,
        Some(code) => private_call(krate, "with_grpc", base, &[&Literal::u8_unsuffixed(code)]),
    }
}

/// `#krate::__private::function(inner, args...)`: `inner` is moved into
/// the parentheses, where `quote!` would splice a copy.
fn private_call(
    krate: &syn::Path,
    function: &str,
    mut inner: TokenStream,
    args: &[&dyn ToTokens],
) -> TokenStream {
    for arg in args {
        inner.append(Punct::new(',', Spacing::Alone));
        arg.to_tokens(&mut inner);
    }
    let function = Ident::new(function, Span::call_site());
    let mut tokens = quote!(#krate::__private::#function);
    tokens.append(Group::new(Delimiter::Parenthesis, inner));
    tokens
}

/// `{"code":40013,"message":"Key not found in the keyVault"`: the start of
/// every body of an entry, escaped as `serde_json` escapes strings.
fn json_prefix(code: u32, message: &str) -> String {
    let mut prefix = format!("{{\"code\":{code},\"message\":\"");
    texts::escape_json(&mut prefix, message);
    prefix.push('"');
    prefix
}
