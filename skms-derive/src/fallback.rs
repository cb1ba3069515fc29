//! What is emitted after an error: impls that keep the user's build from
//! a cascade of errors at every use of the type.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::DeriveInput;

use crate::expand::integrations;

/// After an error, impls whose bodies are never run, so that the user sees
/// the mistake in the attribute and not a cascade of "`SkmsError` is not
/// implemented" (or "`IntoResponse`", "`std::error::Error`" is not
/// implemented) at every use of the type. `std_error`: whether the derive
/// writes `Display` and `Error` (no `std_error = false`), so that a type
/// that has them from another derive does not get them twice.
pub(crate) fn fallback(node: &DeriveInput, krate: &TokenStream, std_error: bool) -> TokenStream {
    let ty = &node.ident;
    let (impl_generics, ty_generics, where_clause) = node.generics.split_for_impl();
    let private = quote!(#krate::__private);
    let predicates: Vec<TokenStream> = where_clause
        .into_iter()
        .flat_map(|w| w.predicates.iter().map(ToTokens::to_token_stream))
        .collect();
    let integrations = integrations(&private, node, &predicates);
    let impls = quote! {
        #integrations

        #[automatically_derived]
        impl #impl_generics #krate::SkmsError for #ty #ty_generics #where_clause {
            fn code(&self) -> ::core::primitive::u32 { ::core::unreachable!() }
            fn status(&self) -> ::core::primitive::u16 { ::core::unreachable!() }
            fn message(&self) -> &::core::primitive::str { ::core::unreachable!() }
            fn detail(&self) -> ::core::option::Option<#private::Cow<'_, ::core::primitive::str>> {
                ::core::unreachable!()
            }
        }

        #[automatically_derived]
        impl #impl_generics #krate::Catalog for #ty #ty_generics #where_clause {
            const ENTRIES: &'static [#krate::Entry] = &[];
        }

        #[automatically_derived]
        impl #impl_generics #private::serde::Serialize for #ty #ty_generics #where_clause {
            fn serialize<__S>(
                &self,
                __serializer: __S,
            ) -> ::core::result::Result<
                <__S as #private::serde::Serializer>::Ok,
                <__S as #private::serde::Serializer>::Error,
            >
            where
                __S: #private::serde::Serializer,
            {
                ::core::unreachable!()
            }
        }

    };
    if !std_error {
        return impls;
    }
    // `Error` asks `Debug` of the type, which a generic type has only under
    // bounds of its derive: asked of `Self`, so that the impl adds no error
    // of its own (a type without `Debug` is reported by the derive's impl
    // once the attribute is fixed, as it would be now).
    let error_where = quote!(where #(#predicates,)* Self: ::core::fmt::Debug);
    quote! {
        #impls

        #[automatically_derived]
        impl #impl_generics ::core::fmt::Display for #ty #ty_generics #where_clause {
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::unreachable!()
            }
        }

        #[automatically_derived]
        impl #impl_generics #private::StdError for #ty #ty_generics #error_where {}
    }
}
