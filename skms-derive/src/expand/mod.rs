//! Code generation. Nothing here can fail: every check happened in `valid.rs`.
//!
//! What is generated is kept small for the compiler's sake: one static table
//! of entries, one match that maps a value to its entry (or to the field of a
//! transparent variant), one match over the variants that format a detail,
//! one function per type of field those details name, and trait impls whose
//! methods are one-line calls into `skms_core::__private`. Each shape was
//! chosen by measuring rustc on a 1,000-variant enum (`BENCHMARKS.md`,
//! "How the derive got there"): what is repeated a thousand times (an
//! argument, a path segment, a method resolution, a string literal in a
//! match arm) is what costs.

mod code_table;
mod compose;
mod detail;
mod entries;
mod field_value;
mod from;
mod from_body;
mod generics;
mod integrations;
mod names;
mod plain;
mod resolve;
mod source;

use proc_macro2::{Literal, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::DeriveInput;

use self::code_table::{by_code, code_table, own_codes};
#[cfg(test)]
pub(crate) use self::compose::STANDARD_CODES;
use self::compose::{included_fields, Composition};
use self::detail::detail_body;
use self::entries::entries;
pub(crate) use self::from::from_impl;
use self::from::from_impls;
use self::from_body::from_body_impl;
use self::generics::Bounds;
pub(crate) use self::integrations::integrations;
use self::names::local;
use self::plain::{plain_detail, PlainDetail};
use self::resolve::resolve_body;
use self::source::source_fn;
use crate::ast::Input;
use crate::ctxt::Ctxt;
use crate::fallback::fallback;
use crate::valid::{self, DetailPlan, Kind, OwnEntry, Plan};

pub(crate) fn derive(node: &DeriveInput) -> TokenStream {
    derive_with(node, cfg!(feature = "utoipa"))
}

/// The derive, with each detail's format string kept in its entry or not
/// (`detail_templates`, what the feature `utoipa` chooses): skms-core's
/// committed expansion of its own types holds both (`own_types.rs`).
pub(crate) fn derive_with(node: &DeriveInput, detail_templates: bool) -> TokenStream {
    let cx = Ctxt::default();
    let input = Input::from_syn(&cx, node);
    let plan = input.as_ref().map(|input| valid::check(&cx, input));
    match (cx.check(), &input, plan) {
        (Ok(()), Some(input), Some(plan)) => expand(input, &plan, detail_templates),
        (Err(errors), input, _) => {
            let mut tokens = errors.to_compile_error();
            if let Some(input) = input {
                let krate = input.attrs.krate().to_token_stream();
                tokens.extend(fallback(input, &krate, input.attrs.std_error()));
            }
            tokens
        }
        // Unreachable: without an error there is always a plan.
        (Ok(()), _, _) => TokenStream::new(),
    }
}

fn expand(input: &Input, plan: &Plan, detail_templates: bool) -> TokenStream {
    let krate = &plan.krate;
    let private = quote!(#krate::__private);
    let ty = &input.original.ident;
    let (impl_generics, ty_generics, _) = input.original.generics.split_for_impl();
    let bounds = Bounds::new(input, plan);
    let where_clause = bounds.where_clause(&[]);

    // Each variant's detail of plain fields, read once for its entry and
    // its arm of `__skms_detail`.
    let mut plain_details: Vec<Option<PlainDetail>> = Vec::with_capacity(plan.variants.len());
    for (_, kind) in &plan.variants {
        plain_details.push(match kind {
            Kind::Own {
                entry:
                    OwnEntry {
                        detail: Some(DetailPlan::Formatted { format, .. }),
                        ..
                    },
                ..
            } => plain_detail(format),
            _ => None,
        });
    }
    let generic_names = generics::GenericNames::new(&input.original.generics);
    let (entry_count, entries) = entries(
        krate,
        &private,
        plan,
        &plain_details,
        detail_templates,
        &generic_names,
    );
    let codes = own_codes(plan);
    let by_code = by_code(&codes);
    let (code_table_ty, code_table) = code_table(&private, &codes);

    let resolve = resolve_body(input, plan, &private);
    let from_body = from_body_impl(input, plan, &plain_details, &private, krate, &bounds);
    let transparent_fields = included_fields(input, plan);
    let composition = Composition::new(input, plan, &transparent_fields, &private, krate);
    let includes = &composition.includes;
    let composition_checks = &composition.checks;
    let composed_items = &composition.items;
    let composed_use = &composition.use_check;
    // Each included catalog by its own `lookup` (a table too, when it is
    // derived), in the order of `INCLUDES`; reached through
    // `TransparentField`, like every use of the field's type.
    let mut lookup_included = TokenStream::new();
    for (_, field) in &transparent_fields {
        let field_ty = field.ty;
        lookup_included.extend(quote_spanned! {field.span()=>
            if let ::core::option::Option::Some(__entry) = <#field_ty as #private::TransparentField>::lookup(__code) {
                return ::core::option::Option::Some(__entry);
            }
        });
    }
    let (detail, field_value_fns) = detail_body(input, plan, &plain_details, &private);
    let (reserved, reserved_const) = reserved(krate, plan, !transparent_fields.is_empty());
    let range = plan.range.map(|(low, high)| {
        let (low, high) = (Literal::u32_unsuffixed(low), Literal::u32_unsuffixed(high));
        quote!(const RANGE: ::core::option::Option<#krate::CodeRange> = ::core::option::Option::Some(#krate::CodeRange::new(#low, #high));)
    });

    let std_impls = if plan.std_error {
        let source = source_fn(input, plan, &private);
        let mut extra = bounds.added_for_error.clone();
        if input.original.generics.type_params().next().is_some() {
            extra.push(quote!(Self: ::core::fmt::Debug));
        }
        let error_where = bounds.where_clause(&extra);
        // `From` for the fields marked `#[from]`, which the derive writes
        // only with `Error`: under `std_error = false`, thiserror's.
        let from = from_impls(input, plan);
        quote! {
            #from

            #[automatically_derived]
            impl #impl_generics ::core::fmt::Display for #ty #ty_generics #where_clause {
                fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #private::display(self, __f)
                }
            }

            #[automatically_derived]
            impl #impl_generics #private::StdError for #ty #ty_generics #error_where {
                #source
            }
        }
    } else {
        TokenStream::new()
    };

    let integrations = integrations(&private, input.original, &bounds.predicates(&[]));
    let writer = local("__w");
    // The gRPC code a variant chose, or its transparent field's; a type
    // with neither keeps the trait's answer (none chosen) and the compiler
    // has one method less to build.
    let mut any_grpc = false;
    for (_, kind) in &plan.variants {
        any_grpc |= match kind {
            Kind::Own { entry, .. } => entry.grpc.is_some(),
            Kind::Transparent { .. } => true,
        };
    }
    let grpc = if any_grpc {
        quote! {
            #[inline]
            fn __skms_grpc(&self) -> ::core::primitive::u8 {
                self.__skms_resolve().grpc()
            }
        }
    } else {
        TokenStream::new()
    };

    // `deprecated`: the generated code names the type, its variants, their
    // fields and the fields' types, any of which the user may have marked
    // `#[deprecated]` (retiring a code): those uses are the derive's, not the
    // user's, who is warned where the item is used in the user's own code.
    quote! {
        #[allow(deprecated)]
        const _: () = {
            #[allow(unused_imports)]
            use #private::{
                entry as __skms_entry, entry_formatted as __skms_entry_formatted,
                entry_plain_detail as __skms_entry_plain_detail, DetailField as __SkmsField,
                NO_FIELD_VALUE as __SKMS_NO_FIELD_VALUE,
            };
            static __SKMS_ENTRIES: [#krate::Entry; #entry_count] = [#entries];
            #field_value_fns
            // The indices of the entries in the order of their codes, for
            // lookups by binary search (the decoder, the composition checks).
            static __SKMS_BY_CODE: [::core::primitive::u32; #entry_count] = [#(#by_code),*];
            // The same by hash, for the lookups at run time (`lookup`,
            // `from_body`, `StandardError::from_code`).
            static __SKMS_BY_HASH: #code_table_ty = #code_table;
            #reserved

            // `#[automatically_derived]` is for trait impls: on an inherent
            // impl it is a future-incompatibility warning.
            impl #impl_generics #ty #ty_generics #where_clause {
                #composed_items

                #[inline]
                fn __skms_resolve(&self) -> #private::Resolved<'_> {
                    #composed_use
                    #resolve
                }

                fn __skms_detail(
                    &self,
                    #writer: &mut dyn #private::DetailWriter,
                ) -> ::core::fmt::Result {
                    #detail
                }

                #[inline]
                fn __skms_own_index(__code: ::core::primitive::u32) -> ::core::option::Option<::core::primitive::usize> {
                    __SKMS_BY_HASH.index(__code)
                }
            }

            #[automatically_derived]
            impl #impl_generics #krate::SkmsError for #ty #ty_generics #where_clause {
                #[inline]
                fn code(&self) -> ::core::primitive::u32 {
                    self.__skms_resolve().code()
                }
                #[inline]
                fn status(&self) -> ::core::primitive::u16 {
                    self.__skms_resolve().status()
                }
                #[inline]
                fn message(&self) -> &::core::primitive::str {
                    self.__skms_resolve().message()
                }
                #[inline]
                fn detail(&self) -> ::core::option::Option<#private::Cow<'_, ::core::primitive::str>> {
                    self.__skms_resolve().detail(self)
                }
                #[inline]
                fn has_detail(&self) -> ::core::primitive::bool {
                    self.__skms_resolve().has_detail()
                }
                #[inline]
                fn fmt_detail(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    self.__skms_detail(__f)
                }
                #[inline]
                fn write_json(&self, __out: &mut #private::Vec<::core::primitive::u8>) {
                    #private::write_json(self.__skms_resolve(), self, __out, Self::__skms_detail);
                }
                #[inline]
                fn detail_exposure(&self) -> #krate::DetailExposure {
                    self.__skms_resolve().detail_exposure()
                }
                #grpc
            }

            #[automatically_derived]
            impl #impl_generics #krate::Catalog for #ty #ty_generics #where_clause {
                const ENTRIES: &'static [#krate::Entry] = &__SKMS_ENTRIES;
                #includes
                #reserved_const
                #range

                #[inline]
                fn lookup(__code: ::core::primitive::u32) -> ::core::option::Option<&'static #krate::Entry> {
                    #composed_use
                    if let ::core::option::Option::Some(__index) = Self::__skms_own_index(__code) {
                        return __SKMS_ENTRIES.get(__index);
                    }
                    #lookup_included
                    ::core::option::Option::None
                }
            }

            #composition_checks

            #from_body

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
                    #private::serialize_resolved(self.__skms_resolve(), self, __serializer, Self::__skms_detail)
                }
            }

            #std_impls

            #integrations
        };
    }
}

/// `streams` concatenated in one call to the compiler: a stream extended
/// one stream at a time costs a round-trip each, a thousand times.
pub(crate) fn concat(streams: Vec<TokenStream>) -> TokenStream {
    streams.into_iter().collect()
}

/// The type's reserved codes: the static `__SKMS_RESERVED` (written when
/// the type reserves codes, or includes catalogs, whose checks read it), and
/// `const RESERVED` of the `Catalog` impl when it reserves any.
fn reserved(krate: &syn::Path, plan: &Plan, includes: bool) -> (TokenStream, TokenStream) {
    if plan.reserved.is_empty() && !includes {
        return (TokenStream::new(), TokenStream::new());
    }
    let count = Literal::usize_unsuffixed(plan.reserved.len());
    let mut each = Vec::with_capacity(plan.reserved.len());
    for (low, high, reason) in &plan.reserved {
        let (low, high) = (
            Literal::u32_unsuffixed(*low),
            Literal::u32_unsuffixed(*high),
        );
        each.push(match reason {
            Some(reason) => quote!(#krate::Reserved::new(#low, #high).with_reason(#reason)),
            None => quote!(#krate::Reserved::new(#low, #high)),
        });
    }
    let table = quote!(static __SKMS_RESERVED: [#krate::Reserved; #count] = [#(#each),*];);
    let constant = if plan.reserved.is_empty() {
        TokenStream::new()
    } else {
        quote!(const RESERVED: &'static [#krate::Reserved] = &__SKMS_RESERVED;)
    };
    (table, constant)
}
