//! `impl From<Field> for E`: what `#[from]` on a variant's one field asks,
//! so that `?` converts the field's type into the variant.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;

use super::names::{local, VariantPath};
use crate::ast::Input;
use crate::valid::{FromField, Plan};

/// One `From` impl a `#[from]`, spanned at the attribute, so that what the
/// compiler finds wrong with it (two impls that overlap, for a field whose
/// type is a parameter) is reported there. The impl adds no bound: building
/// the variant asks nothing of the field's type.
pub(crate) fn from_impls(input: &Input, plan: &Plan) -> TokenStream {
    plan.from
        .iter()
        .map(|from| from_impl(input, from))
        .collect()
}

pub(crate) fn from_impl(input: &Input, from: &FromField) -> TokenStream {
    let ty = &input.original.ident;
    let (impl_generics, ty_generics, where_clause) = input.original.generics.split_for_impl();
    let path = VariantPath {
        ty,
        variant: (!input.is_struct()).then_some(from.variant.ident),
    };
    let field_ty = from.field.ty;
    let source = local("__source");
    // `E::V(source)` for a tuple variant: `E::V { 0: source }` is a lint of
    // the user's crate, the tokens being spanned at the user's attribute.
    let build = match &from.field.member {
        syn::Member::Named(member) => quote!(#path { #member: #source }),
        syn::Member::Unnamed(_) => quote!(#path(#source)),
    };
    quote_spanned! {from.attr.span()=>
        #[automatically_derived]
        impl #impl_generics ::core::convert::From<#field_ty> for #ty #ty_generics #where_clause {
            #[inline]
            fn from(#source: #field_ty) -> Self {
                #build
            }
        }
    }
}
