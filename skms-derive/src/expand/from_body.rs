//! `impl FromBody`: the variant that an error body stands for.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::names::VariantPath;
use crate::ast::Input;
use crate::generics::Bounds;
use crate::valid::{Kind, Plan};

/// `impl FromBody`: a body becomes the variant of its code when that variant
/// can be rebuilt from a body (a unit variant, or one whose only field is
/// marked `#[skms(detail)]`), else through a transparent variant whose
/// field's type rebuilds it. Own codes come first: a body with an own code
/// that cannot be rebuilt is `None`, never another variant's.
pub(crate) fn from_body_impl(
    input: &Input,
    plan: &Plan,
    private: &TokenStream,
    krate: &syn::Path,
    bounds: &Bounds,
) -> TokenStream {
    let ty = &input.original.ident;
    let (impl_generics, ty_generics, _) = input.original.generics.split_for_impl();
    let where_clause = bounds.where_clause(&bounds.added_for_from_body);
    let is_struct = matches!(input.shape, crate::ast::Shape::Struct(_));
    let path_of = |variant| VariantPath {
        ty,
        variant: (!is_struct).then_some(variant),
    };
    // The arms of the variants that can be rebuilt, by entry index: each
    // written whole by one `quote!`, and collected into one stream at once.
    let mut any_own = false;
    let mut rebuildable = Vec::new();
    let mut rebuilds = Vec::new();
    for (variant, kind) in &plan.variants {
        let path = path_of(variant.ident);
        match kind {
            Kind::Own { index, .. } => {
                any_own = true;
                let index = Literal::usize_unsuffixed(*index);
                match variant.fields.as_slice() {
                    [] => rebuildable.push(quote! {
                        #index => #path {},
                    }),
                    [field] if field.detail_marker.is_some() => {
                        let member = &field.member;
                        let field_ty = field.ty;
                        rebuildable.push(quote! {
                            #index => match (&#private::ParseDetail::<#field_ty>::NEW).parse(__body) {
                                ::core::option::Option::Some(__detail) => #path { #member: __detail },
                                ::core::option::Option::None => return ::core::option::Option::None,
                            },
                        });
                    }
                    _ => {}
                }
            }
            Kind::Transparent { field } => {
                let member = &field.member;
                let field_ty = field.ty;
                rebuilds.push(quote! {
                    if let ::core::option::Option::Some(__inner) =
                        (&#private::Rebuild::<#field_ty>::NEW).rebuild(__body)
                    {
                        return ::core::option::Option::Some(#path { #member: __inner });
                    }
                });
            }
        }
    }
    // Own codes first, found in the type's hash table; then a
    // match over the entry index of the variants that can be rebuilt only
    // (a match over every code costs the compiler far more).
    // The arms give the variant, and one `Some` wraps the match: a call in
    // every arm costs the compiler more.
    let own = if !any_own {
        TokenStream::new()
    } else if rebuildable.is_empty() {
        quote! {
            if __SKMS_BY_HASH.index(__body.code).is_some() {
                return ::core::option::Option::None;
            }
        }
    } else {
        let rebuildable: TokenStream = rebuildable.into_iter().collect();
        quote! {
            if let ::core::option::Option::Some(__index) = __SKMS_BY_HASH.index(__body.code) {
                return ::core::option::Option::Some(match __index {
                    #rebuildable
                    _ => return ::core::option::Option::None,
                });
            }
        }
    };
    let body = quote! {
        #own
        #(#rebuilds)*
        ::core::option::Option::None
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::FromBody for #ty #ty_generics #where_clause {
            #[allow(unused_imports)]
            fn from_body(__body: &#krate::ErrorBody<'_>) -> ::core::option::Option<Self> {
                use #private::{ParseFromStr as _, ParseNothing as _, RebuildFromBody as _, RebuildNothing as _};
                #body
            }
        }
    }
}
