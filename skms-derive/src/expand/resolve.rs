//! What a value resolves to: the entry of its variant, or the field of a
//! transparent variant (the body of the generated `__skms_resolve`).

use proc_macro2::{Delimiter, Group, Literal, TokenStream};
use quote::{quote, quote_spanned, ToTokens};

use super::names::local;
use crate::ast::{Field, Input};
use crate::valid::{Kind, Plan};

/// The body of `__skms_resolve`: the entry of the value, or its transparent field.
pub(crate) fn resolve_body(input: &Input, plan: &Plan, private: &TokenStream) -> TokenStream {
    if input.is_struct() {
        return match &plan.variants[0].1 {
            Kind::Own { .. } => quote!(#private::Resolved::Entry(&__SKMS_ENTRIES[0])),
            Kind::Transparent { field } => {
                let member = &field.member;
                let inner = transparent_call(private, field, &quote!(&self.#member));
                quote!(#private::Resolved::Transparent(#inner))
            }
        };
    }
    if plan.variants.is_empty() {
        return quote!(match *self {});
    }
    // The variants named by the type's name, not `Self::`, which the
    // compiler resolves later and at more cost, a thousand times.
    let ty = &input.original.ident;
    let (mut any_own, mut any_transparent) = (false, false);
    for (_, kind) in &plan.variants {
        match kind {
            Kind::Own { .. } => any_own = true,
            Kind::Transparent { .. } => any_transparent = true,
        }
    }
    // One `{ .. }` cloned into every arm of an own variant: a group built
    // for each would cost a round-trip to the compiler. The arms are
    // collected into one stream at once rather than spliced one by one.
    let any_fields = Group::new(Delimiter::Brace, quote!(..));
    let mut arms = Vec::with_capacity(plan.variants.len());
    for (variant, kind) in &plan.variants {
        let ident = variant.ident;
        arms.push(match kind {
            Kind::Own { index, .. } => {
                let index = Literal::usize_unsuffixed(*index);
                quote!(#ty::#ident #any_fields => #index,)
            }
            Kind::Transparent { field } => {
                let member = &field.member;
                let binding = local("__field");
                let inner = transparent_call(private, field, &binding.to_token_stream());
                let resolved = quote!(#private::Resolved::Transparent(#inner));
                let resolved = if any_own {
                    quote!(return #resolved)
                } else {
                    resolved
                };
                quote!(#ty::#ident { #member: #binding, .. } => #resolved,)
            }
        });
    }
    let arms = super::concat(arms);
    if any_own {
        quote!(#private::Resolved::Entry(&__SKMS_ENTRIES[match self { #arms }]))
    } else {
        debug_assert!(any_transparent);
        quote!(match self { #arms })
    }
}

/// `<Field as __private::TransparentField>::as_dyn(field)`, spanned at the
/// field: a type that is not an `SkmsError` with a `Catalog` is reported
/// there, once, since every use of the field's type (this, and its entries
/// in `INCLUDES`) asks the one trait `TransparentField` at the one span.
fn transparent_call(private: &TokenStream, field: &Field, value: &TokenStream) -> TokenStream {
    let ty = field.ty;
    quote_spanned!(field.span()=> <#ty as #private::TransparentField>::as_dyn(#value))
}
