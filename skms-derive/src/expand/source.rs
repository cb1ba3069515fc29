//! `std::error::Error::source()`: a transparent variant's is its field's.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::Input;
use crate::valid::{Kind, Plan};

/// `source()`: a transparent variant's is its field's.
pub(crate) fn source_fn(input: &Input, plan: &Plan, private: &TokenStream) -> TokenStream {
    let mut arms = Vec::new();
    for (variant, kind) in &plan.variants {
        let Kind::Transparent { field } = kind else {
            continue;
        };
        let member = &field.member;
        let call = quote!((&#private::Source(__field)).skms_source());
        let path = match input.shape {
            crate::ast::Shape::Struct(_) => quote!(Self),
            crate::ast::Shape::Enum(_) => {
                let (ty, ident) = (&input.original.ident, variant.ident);
                quote!(#ty::#ident)
            }
        };
        arms.push(quote!(#path { #member: __field, .. } => #call,));
    }
    if arms.is_empty() {
        return TokenStream::new();
    }
    let rest = if arms.len() == plan.variants.len() {
        TokenStream::new()
    } else {
        quote!(_ => ::core::option::Option::None,)
    };
    quote! {
        fn source(&self) -> ::core::option::Option<&(dyn #private::StdError + 'static)> {
            #[allow(unused_imports)]
            use #private::{SourceOfError as _, SourceOfOther as _};
            match self { #(#arms)* #rest }
        }
    }
}
