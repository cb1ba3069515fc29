//! `std::error::Error::source()`: a transparent variant's is its field's;
//! a variant with an entry of its own whose one field is marked `#[from]`
//! has that field as its source.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use crate::ast::Input;
use crate::valid::{Kind, Plan};

/// `source()`: a transparent variant's is its field's; a `#[from]` field of
/// a variant of its own is the source itself (as with thiserror).
pub(crate) fn source_fn(input: &Input, plan: &Plan, private: &TokenStream) -> TokenStream {
    let mut arms = Vec::new();
    for (variant, kind) in &plan.variants {
        let (field, call) = match kind {
            Kind::Transparent { field } => {
                (*field, quote!((&#private::Source(__field)).skms_source()))
            }
            Kind::Own { .. } => {
                let Some(from) = plan
                    .from
                    .iter()
                    .find(|from| std::ptr::eq(from.variant, *variant))
                else {
                    continue;
                };
                // On the field, where a type that is not an `Error` is
                // reported.
                let call = quote_spanned! {from.field.span()=>
                    ::core::option::Option::Some((*__field).skms_as_source())
                };
                (from.field, call)
            }
        };
        let member = &field.member;
        let path = if input.is_struct() {
            quote!(Self)
        } else {
            let (ty, ident) = (&input.original.ident, variant.ident);
            quote!(#ty::#ident)
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
            use #private::{AsSource as _, SourceOfError as _, SourceOfOther as _};
            match self { #(#arms)* #rest }
        }
    }
}
