//! What is emitted after an error: impls that keep the user's build from
//! a cascade of errors at every use of the type.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use crate::ast::Input;
use crate::expand::{from_impl, integrations};
use crate::valid::FromField;

/// After an error, impls whose bodies are never run, so that the user sees
/// the mistake in the attribute and not a cascade of "`SkmsError` is not
/// implemented" (or "`FromBody`", "`IntoResponse`", "`std::error::Error`"
/// is not implemented) at every use of the type: every trait that the
/// derive implements, the integrations' too. `std_error`: whether the derive
/// writes `Display`, `Error` and the `From` of `#[from]` (no `std_error =
/// false`), so that a type that has them from another derive does not get
/// them twice.
pub(crate) fn fallback(input: &Input, krate: &TokenStream, std_error: bool) -> TokenStream {
    let node = input.original;
    let ty = &node.ident;
    let (impl_generics, ty_generics, where_clause) = node.generics.split_for_impl();
    let private = quote!(#krate::__private);
    let mut predicates: Vec<TokenStream> = Vec::new();
    if let Some(where_clause) = where_clause {
        for predicate in &where_clause.predicates {
            predicates.push(predicate.to_token_stream());
        }
    }
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
        impl #impl_generics #krate::FromBody for #ty #ty_generics #where_clause {
            fn from_body(__body: &#krate::ErrorBody<'_>) -> ::core::option::Option<Self> {
                ::core::unreachable!()
            }
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
    let from = from_impls(input);
    quote! {
        #impls
        #from

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

/// `From` for each field marked `#[from]` whose conversion could be
/// written: the one field of its variant, marked once, from a type that no
/// earlier variant converts from (a later one is the mistake reported); so
/// that `?` from it adds no error, and no impl overlaps another.
fn from_impls(input: &Input) -> TokenStream {
    // The types converted from so far, as written.
    let mut types: Vec<String> = Vec::new();
    let mut impls = TokenStream::new();
    for variant in input.variants() {
        let [field] = variant.fields.as_slice() else {
            continue;
        };
        let [attr] = field.from.as_slice() else {
            continue;
        };
        if !matches!(attr.meta, syn::Meta::Path(_)) {
            continue;
        }
        let ty = field.ty.to_token_stream().to_string();
        if types.contains(&ty) {
            continue;
        }
        types.push(ty);
        let from = FromField {
            variant,
            field,
            transparent: false,
            attr,
        };
        impls.extend(from_impl(input, &from));
    }
    impls
}
