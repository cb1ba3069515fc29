//! skms-core's own derived types are not derived when skms-core builds (so
//! that it does not wait for this crate): each is written inside
//! skms-core's `derived!`, as a user writes it, and what this derive writes
//! for it is committed beside it and included. This test expands each of
//! them with the derive of today and fails when the committed code differs;
//! with `SKMS_BLESS=1` it rewrites the committed code instead (then review
//! the diff and commit it).
//!
//! What skms-derive's feature `utoipa` changes (the detail templates of the
//! entries) is written both ways, under `#[cfg(feature = "utoipa")]` and
//! `#[cfg(not(feature = "utoipa"))]`: skms-core turns the feature on with
//! its own `utoipa`.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

use crate::expand::derive_with;

/// Each source file of skms-core holding a `derived!` input, and the file
/// that holds its expansion.
const OWN_TYPES: [(&str, &str); 2] = [
    (
        "skms-core/src/standard.rs",
        "skms-core/src/standard/generated.rs",
    ),
    (
        "skms-core/src/catalog_endpoint.rs",
        "skms-core/src/catalog_endpoint/generated.rs",
    ),
];

const BLESS: &str = "SKMS_BLESS";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The input of the one `derived! { .. }` of `source`.
fn derived_input(source: &str) -> syn::DeriveInput {
    let tokens = TokenStream::from_str(source).expect("the file tokenizes");
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut inputs = trees.windows(3).filter_map(|window| match window {
        [TokenTree::Ident(name), TokenTree::Punct(bang), TokenTree::Group(body)]
            if name == "derived"
                && bang.as_char() == '!'
                && body.delimiter() == Delimiter::Brace =>
        {
            Some(body.stream())
        }
        _ => None,
    });
    let input = inputs.next().expect("a `derived! { .. }` in the file");
    assert!(inputs.next().is_none(), "one `derived!` a file");
    syn::parse2(input).expect("the input of `derived!` is an item")
}

/// The top-level items of `tokens`: each ends with a `;`, or with a brace
/// group that no `;` follows (an impl, a macro call in braces).
fn items(tokens: TokenStream) -> Vec<TokenStream> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut items = Vec::new();
    let mut start = 0;
    for (i, tree) in trees.iter().enumerate() {
        let ends = match tree {
            TokenTree::Punct(punct) => punct.as_char() == ';',
            TokenTree::Group(group) => {
                group.delimiter() == Delimiter::Brace
                    && !matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ';')
            }
            _ => false,
        };
        if ends {
            items.push(trees[start..=i].iter().cloned().collect());
            start = i + 1;
        }
    }
    assert_eq!(start, trees.len(), "the expansion ends with an item");
    items
}

/// What the derive writes for `input`, both ways of skms-derive's
/// `utoipa`: the items alike once, the others under a `cfg` each.
fn expansion(input: &syn::DeriveInput) -> TokenStream {
    let with = items(derive_with(input, true));
    let without = items(derive_with(input, false));
    let mut out = TokenStream::new();
    if with.len() == without.len() {
        for (with, without) in with.into_iter().zip(without) {
            if with.to_string() == without.to_string() {
                out.extend(with);
            } else {
                out.extend(quote! {
                    #[cfg(feature = "utoipa")]
                    #with
                    #[cfg(not(feature = "utoipa"))]
                    #without
                });
            }
        }
    } else {
        out.extend(quote! {
            #(#[cfg(feature = "utoipa")] #with)*
            #(#[cfg(not(feature = "utoipa"))] #without)*
        });
    }
    out
}

/// `code` as text, one token at a time (not how each punctuation is joined
/// to the next, which rustfmt changes), without the trailing commas that
/// rustfmt adds: what the committed code and the derive's are compared by.
fn normalized(code: &str) -> String {
    let mut out = String::new();
    spell(
        TokenStream::from_str(code).expect("the code tokenizes"),
        &mut out,
    );
    out
}

fn spell(tokens: TokenStream, out: &mut String) {
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::None => ("", ""),
                };
                let mut trees: Vec<TokenTree> = group.stream().into_iter().collect();
                if matches!(trees.last(), Some(TokenTree::Punct(p)) if p.as_char() == ',') {
                    trees.pop();
                }
                out.push_str(open);
                out.push(' ');
                spell(trees.into_iter().collect(), out);
                out.push_str(close);
            }
            TokenTree::Punct(punct) => out.push(punct.as_char()),
            TokenTree::Ident(ident) => out.push_str(&ident.to_string()),
            TokenTree::Literal(literal) => out.push_str(&literal.to_string()),
        }
        out.push(' ');
    }
}

fn header(source: &str, ty: &syn::Ident) -> String {
    let name = Path::new(source).file_name().unwrap().to_string_lossy();
    format!(
        "// @generated by skms-derive: what #[derive(SkmsError)] writes for `{ty}`, the\n\
         // input of `derived!` in `../{name}`, with what skms-derive's feature `utoipa`\n\
         // changes under `cfg(feature = \"utoipa\")`. Do not edit: after a change to the\n\
         // input or to the derive, run\n\
         //     SKMS_BLESS=1 cargo test -p skms-derive --lib own_types\n\
         // and review the diff (skms-derive's test `own_types` fails until then).\n\n"
    )
}

/// Writes `code` to `path`, formatted by rustfmt for the reader when
/// rustfmt is there and changes nothing but the layout and trailing commas
/// (the test compares tokens); unformatted otherwise.
fn bless(path: &Path, header: &str, code: &TokenStream) {
    let text = format!("{header}{code}\n");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, &text).unwrap();
    let formatted = std::process::Command::new("rustfmt")
        .args(["--edition", "2021"])
        .arg(path)
        .status()
        .is_ok_and(|status| status.success());
    let same = std::fs::read_to_string(path).is_ok_and(|new| normalized(&new) == normalized(&text));
    if !formatted || !same {
        std::fs::write(path, &text).unwrap();
    }
}

#[test]
fn committed_expansions_are_the_derives() {
    let bless_mode = std::env::var_os(BLESS).is_some();
    let mut stale = Vec::new();
    for (source, generated) in OWN_TYPES {
        let input = derived_input(&std::fs::read_to_string(workspace().join(source)).unwrap());
        let code = expansion(&input);
        let errors = code.to_string();
        assert!(
            !errors.contains("compile_error"),
            "the derive rejects `{}` of {source}: {errors}",
            input.ident
        );
        let path = workspace().join(generated);
        if bless_mode {
            bless(&path, &header(source, &input.ident), &code);
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if normalized(&committed) != normalized(&code.to_string()) {
            stale.push(format!("{generated} (`{}` of {source})", input.ident));
        }
    }
    assert!(
        stale.is_empty(),
        "the committed expansion differs from what the derive writes today: {}; \
         run `{BLESS}=1 cargo test -p skms-derive --lib own_types`, review the diff and commit it",
        stale.join(", ")
    );
}

#[test]
fn trailing_commas_do_not_count() {
    assert_eq!(
        normalized("f(a, [b, c,],); g { x, }"),
        normalized("f(a, [b, c]); g { x }")
    );
    assert_ne!(normalized("f(a, b)"), normalized("f(a b)"));
    assert_ne!(normalized("f(a,)"), normalized("f(a,,)"));
    assert_eq!(normalized("Cow<'_, str>"), normalized("Cow < '_ , str >"));
    assert_ne!(normalized("a::b"), normalized("a:b"));
}

#[test]
fn items_end_at_semicolons_and_trailing_braces() {
    let tokens = quote! {
        const _: () = { fn f() {} };
        impl A { fn g() {} }
        integrations! { ty = [A], }
        static B: [u8; 2] = [1, 2];
    };
    let items: Vec<String> = items(tokens).iter().map(ToString::to_string).collect();
    assert_eq!(
        items,
        [
            "const _ : () = { fn f () { } } ;",
            "impl A { fn g () { } }",
            "integrations ! { ty = [A] , }",
            "static B : [u8 ; 2] = [1 , 2] ;",
        ]
    );
}

#[test]
fn the_utoipa_difference_is_written_both_ways() {
    let input: syn::DeriveInput = syn::parse_quote! {
        #[skms(code = 40400, status = 404, msg = "m", detail = "code : {requested}")]
        pub struct NotFound {
            pub requested: String,
        }
    };
    let code = expansion(&input).to_string();
    assert!(code.contains("# [cfg (feature = \"utoipa\")]"), "{code}");
    assert!(
        code.contains("# [cfg (not (feature = \"utoipa\"))]"),
        "{code}"
    );
    assert_eq!(code.matches("with_detail_template").count(), 1, "{code}");
    // A type without a formatted detail has nothing that differs.
    let input: syn::DeriveInput = syn::parse_quote! {
        pub enum E {
            #[skms(code = 40001, status = 400, msg = "m")]
            A,
        }
    };
    assert!(!expansion(&input).to_string().contains("cfg"));
}
