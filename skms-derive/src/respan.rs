//! Respanning generated tokens, so that the compiler reports an error at
//! the user's token.

use proc_macro2::{TokenStream, TokenTree};

/// `tokens`, every one of them spanned at `span`.
pub(crate) fn respan(tokens: &TokenStream, span: proc_macro2::Span) -> TokenStream {
    let mut respanned = TokenStream::new();
    for mut token in tokens.clone() {
        if let TokenTree::Group(group) = &token {
            let mut group =
                proc_macro2::Group::new(group.delimiter(), respan(&group.stream(), span));
            group.set_span(span);
            token = TokenTree::Group(group);
        } else {
            token.set_span(span);
        }
        respanned.extend([token]);
    }
    respanned
}
