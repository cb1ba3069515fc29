//! The impls for the integrations of skms-core (axum, actix-web, http,
//! tonic), written by skms-core's `__private::integrations!`, whose
//! definition depends on the features that skms-core was built with.

use proc_macro2::{Punct, Spacing, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::DeriveInput;

/// `__private::integrations! { .. }`: the impls for the integrations that are
/// on in skms-core (axum, actix-web, http, tonic), which the derive cannot see; the
/// macro's definition there depends on its features.
pub(crate) fn integrations(
    private: &TokenStream,
    node: &DeriveInput,
    predicates: &[TokenStream],
) -> TokenStream {
    let ty = &node.ident;
    let (impl_generics, ty_generics, _) = node.generics.split_for_impl();
    // `<'a, T: Display>` as `'a, T: Display,`: the macro adds parameters of
    // its own, and a lifetime must come before the type parameters.
    let mut params: Vec<TokenTree> = impl_generics.to_token_stream().into_iter().collect();
    if params.len() >= 2 {
        params.pop();
        params.remove(0);
        params.push(Punct::new(',', Spacing::Alone).into());
    }
    quote! {
        #private::integrations! {
            params = [#(#params)*],
            ty = [#ty #ty_generics],
            bounds = [#(#predicates,)*],
        }
    }
}
