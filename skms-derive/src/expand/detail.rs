//! The detail of each variant: the body of the generated `__skms_detail`,
//! and the texts of the plain details that their entries keep.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, quote_spanned};

use super::field_value::FieldValueFns;
use super::names::{binding, format_argument, local, VariantPath};
use super::plain::PlainDetail;
use crate::ast::Input;
use crate::valid::{DetailPlan, Kind, OwnEntry, Plan};

/// The most fields that the arms of `__skms_detail` hand over in their
/// fixed-size array; a detail with more writes itself in its arm.
const MAX_ARM_FIELDS: usize = 4;

/// The body of `__skms_detail`, which writes the detail into a
/// `DetailWriter` (a `Formatter`, or the JSON string of `write_json`).
///
/// A detail whose fields have no spec is written from its entry's texts
/// (see [`plain_detail`](super::plain::plain_detail)) and the fields that its arm gives: the arm is an
/// index and an array of fields, the same type in every arm, and one call
/// after the match writes them. That is the cheapest shape for the compiler
/// that was measured: no string literal and no method call in the arms, no
/// slice of a different length in each, no `core::fmt` at run time (each
/// field goes through its type's `__skms_field_value_N`, see [`FieldValueFns`]). A
/// detail with a spec is written by `write!` in its arm; every other
/// variant's detail comes from what the value resolves to.
pub(crate) fn detail_body(
    input: &Input,
    plan: &Plan,
    plain_details: &[Option<PlainDetail>],
    private: &TokenStream,
) -> (TokenStream, TokenStream) {
    let writer = local("__w");
    let resolved_detail = quote!(#writer.resolved(self.__skms_resolve()));
    let mut field_value_fns = FieldValueFns::new(input, private);
    let is_struct = input.is_struct();
    // The length of the array of fields: the most that an arm gives, up to
    // `MAX_ARM_FIELDS`; `None` when every detail writes itself in its arm.
    let mut width = None;
    for plain in plain_details.iter().flatten() {
        let len = plain.fields.len();
        if len <= MAX_ARM_FIELDS {
            width = width.max(Some(len));
        }
    }
    // With an array, the arms that write their detail themselves return.
    let ret = width.map(|_| quote!(return));
    // Each arm written whole by one `quote!` into one stream: the macro runs
    // unoptimized, and every stream spliced into another costs.
    let mut arms = TokenStream::new();
    let mut count = 0;
    for ((variant, kind), detail) in plan.variants.iter().zip(plain_details) {
        let Kind::Own {
            index,
            entry:
                OwnEntry {
                    detail:
                        Some(DetailPlan::Formatted {
                            format,
                            fields,
                            span,
                            ..
                        }),
                    ..
                },
        } = kind
        else {
            continue;
        };
        count += 1;
        let mut members: Vec<&syn::Member> = Vec::with_capacity(fields.len());
        let mut bindings: Vec<Ident> = Vec::with_capacity(fields.len());
        for (position, field) in fields.iter().enumerate() {
            members.push(&field.member);
            bindings.push(binding(position, field));
        }
        let path = VariantPath {
            ty: &input.original.ident,
            variant: (!is_struct).then_some(variant.ident),
        };
        let index = Literal::usize_unsuffixed(*index);
        match (detail, width) {
            (Some(detail), Some(width)) if detail.fields.len() <= width => {
                let values = field_value_fns.values(detail, fields, &bindings);
                let fillers = vec![quote!(__SKMS_NO_FIELD_VALUE); width - detail.fields.len()];
                arms.extend(quote! {
                    #path { #(#members: #bindings,)* .. } => (#index, [#(#values,)* #(#fillers),*]),
                });
            }
            (Some(detail), _) => {
                let values = field_value_fns.values(detail, fields, &bindings);
                arms.extend(quote! {
                    #path { #(#members: #bindings,)* .. } =>
                        #ret #private::write_plain_detail(#writer, &__SKMS_ENTRIES[#index], &[#(#values),*]),
                });
            }
            (None, _) => {
                // The field's value, not the reference that the match
                // binds: the two format alike, but a pointer (`:p`) is
                // written as itself, and a count (`w$`) must be a `usize`.
                // Spanned on the field, where a type that does not fit is
                // reported.
                let format = syn::LitStr::new(
                    &format.format_string(|&position| format_argument(fields[position])),
                    *span,
                );
                let mut args = Vec::with_capacity(fields.len());
                for (field, binding) in fields.iter().zip(&bindings) {
                    let name = Ident::new(&format_argument(field), Span::call_site());
                    let value = quote_spanned!(field.span()=> *#binding);
                    args.push(quote!(#name = #value));
                }
                arms.extend(quote! {
                    #path { #(#members: #bindings,)* .. } =>
                        #ret ::core::write!(#writer, #format, #(#args),*),
                });
            }
        }
    }
    if count == 0 {
        return (resolved_detail, TokenStream::new());
    }
    let others = (count != plan.variants.len()).then(|| quote!(_ => #ret #resolved_detail,));
    let field_value_fns = field_value_fns.defs;
    let Some(width) = width else {
        let body = quote! {
            #[allow(unused_imports)]
            use #private::DisplayFieldValue as _;
            match self { #arms #others }
        };
        return (body, field_value_fns);
    };
    let width = Literal::usize_unsuffixed(width);
    let (index, values) = (local("__index"), local("__fields"));
    let body = quote! {
        #[allow(unused_imports)]
        use #private::DisplayFieldValue as _;
        let (#index, #values): (
            ::core::primitive::usize,
            [#private::FieldValue<'_>; #width],
        ) = match self { #arms #others };
        #private::write_plain_detail(#writer, &__SKMS_ENTRIES[#index], &#values)
    };
    (body, field_value_fns)
}
