//! The functions that hand a plain detail's fields over to skms-core, one
//! per field type.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};

use super::generics::GenericNames;
use super::names::local;
use super::plain::PlainDetail;
use crate::ast::{Field, Input};

/// How the fields of plain details are handed over as field values (`FieldValue`): through
/// one function per field type, `__skms_field_value_N(&Type) -> FieldValue`, in which
/// the compiler chooses the `FieldValue` (string, integer or `Display`) once for
/// the type instead of once for every field. Measured on the 1,000-variant
/// crate: 170 M of 2,580 M instructions. A type that names the type's
/// generic parameters, a lifetime or `Self` cannot be named outside the
/// impl: its fields choose in their arm, as `__SkmsField(field).skms_field_value()`.
/// Either way the choice is spanned on the field (the first of its type),
/// so that a field that is not `Display` is reported there.
pub(crate) struct FieldValueFns<'a> {
    private: &'a TokenStream,
    /// The generic parameters, which a type of a function cannot name.
    generics: GenericNames,
    /// The types that have a function, as their tokens print.
    types: Vec<String>,
    pub(crate) defs: TokenStream,
}

impl<'a> FieldValueFns<'a> {
    pub(crate) fn new(input: &Input, private: &'a TokenStream) -> Self {
        FieldValueFns {
            private,
            generics: GenericNames::new(&input.original.generics),
            types: Vec::new(),
            defs: TokenStream::new(),
        }
    }

    /// Each field that `plain` names, in order, as a `FieldValue`.
    pub(crate) fn values(
        &mut self,
        plain: &PlainDetail,
        fields: &[&Field],
        bindings: &[Ident],
    ) -> Vec<TokenStream> {
        let mut values = Vec::with_capacity(plain.fields.len());
        for &position in &plain.fields {
            let (field, binding) = (fields[position], &bindings[position]);
            values.push(match self.function(field) {
                Some(function) => quote!(#function(#binding)),
                None => quote_spanned! {field.span()=>
                    __SkmsField(#binding).skms_field_value()
                },
            });
        }
        values
    }

    /// The function for the type of `field`, written on first use; `None`
    /// for a type that cannot be named outside the impl.
    pub(crate) fn function(&mut self, field: &Field) -> Option<Ident> {
        let ty = field.ty.to_token_stream();
        if !self.generics.nameable_outside_impl(ty.clone()) {
            return None;
        }
        let key = ty.to_string();
        let index = match position_of(&self.types, &key) {
            Some(index) => index,
            None => {
                let index = self.types.len();
                let function = format_ident!("__skms_field_value_{}", index);
                let private = self.private;
                // Only the call is spanned on the field: the parameter is
                // the derive's, hygienic, whatever the field's span says
                // (a field written by a `macro_rules!`).
                let value = local("__field");
                let choose = quote_spanned! {field.span()=>
                    __SkmsField(#value).skms_field_value()
                };
                self.defs.extend(quote! {
                    #[inline]
                    fn #function<'__skms>(#value: &'__skms #ty) -> #private::FieldValue<'__skms> {
                        #[allow(unused_imports)]
                        use #private::DisplayFieldValue as _;
                        #choose
                    }
                });
                self.types.push(key);
                index
            }
        };
        Some(format_ident!("__skms_field_value_{}", index))
    }
}

/// The position of `key` in `known`.
pub(crate) fn position_of(known: &[String], key: &str) -> Option<usize> {
    known.iter().position(|text| text == key)
}
