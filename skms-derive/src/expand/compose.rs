//! The composed catalog of a type that includes others through transparent
//! variants: its `INCLUDES`, and the checks that no code means two things.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, quote_spanned};

use super::generics::{mentions, GenericNames};
use super::names::local;
use crate::ast::{Field, Input};
use crate::respan::respan;
use crate::valid::{Kind, Plan};

/// The transparent variants whose field's catalog the type includes: all
/// but those whose field is the type itself (boxed), which add nothing.
pub(crate) fn included_fields<'a>(
    input: &'a Input,
    plan: &'a Plan,
) -> Vec<(&'a Ident, &'a Field<'a>)> {
    let name = input.original.ident.to_string();
    let mut fields = Vec::new();
    for (variant, kind) in &plan.variants {
        if let Kind::Transparent { field } = kind {
            if !mentions(field.ty, std::slice::from_ref(&name)) {
                fields.push((variant.ident, *field));
            }
        }
    }
    fields
}

/// The included catalogs of a type and the checks that no code means two
/// things in its composed catalog.
///
/// Each check is an item of the generated code that panics, spanned at the
/// transparent variant, with the message that `__private::check_include`
/// computes: the compiler's error is that one message at the user's variant.
/// An own code that an included catalog means otherwise is found by one
/// check of its own (`own_check`), reported at the own variant's code when
/// it is a standard code.
/// A check is evaluated where it can be:
///
/// - in a `const _` item, in `cargo check`, for a type without type or const
///   parameters, and for the included catalogs of a generic type whose field
///   types name none of its parameters (`StandardError`), checked against
///   its own codes and against each other;
/// - after monomorphization, in `cargo build`, for what depends on a
///   parameter: an associated const of the type, `__SKMS_COMPOSED`, which
///   `__skms_resolve` (so `code()`, serialization, `Display`), `lookup` and
///   `catalog()` name. A `()` named in a function costs nothing at run
///   time. Those included catalogs are marked (`__private::generic_in`), and
///   a type that includes the generic one (`Wrapper<Inner>`) checks them
///   again in its own `const _`, so that its `cargo check` finds them.
pub(crate) struct Composition {
    /// `const INCLUDES` of the `Catalog` impl, if the type includes any.
    pub(crate) includes: TokenStream,
    /// The `const _` checks.
    pub(crate) checks: TokenStream,
    /// `__SKMS_COMPOSED` of the inherent impl, the checks after
    /// monomorphization.
    pub(crate) items: TokenStream,
    /// The statement of `__skms_resolve` that names `__SKMS_COMPOSED`.
    pub(crate) use_check: TokenStream,
}

impl Composition {
    pub(crate) fn new(
        input: &Input,
        plan: &Plan,
        transparent: &[(&Ident, &Field)],
        private: &TokenStream,
        krate: &syn::Path,
    ) -> Self {
        let mut composition = Composition {
            includes: TokenStream::new(),
            checks: TokenStream::new(),
            items: TokenStream::new(),
            use_check: TokenStream::new(),
        };
        if transparent.is_empty() {
            return composition;
        }
        let generics = &input.original.generics;
        let ident = &input.original.ident;
        let name = ident.to_string();
        let list = |fields: &[(&Ident, &Field)]| {
            let mut each = TokenStream::new();
            for (variant, field) in fields {
                if !each.is_empty() {
                    each.extend(quote!(,));
                }
                each.extend(include(private, krate, variant, field));
            }
            quote!(&[#each])
        };
        // The own entries whose code is a standard one, by their index in
        // the table, with the span of the code, where a code that an
        // included catalog means otherwise is reported (see `own_check`).
        let mut own: Vec<(usize, Span)> = Vec::new();
        let mut any_own = false;
        for (_, kind) in &plan.variants {
            if let Kind::Own { index, entry } = kind {
                any_own = true;
                if STANDARD_CODES.contains(&entry.code) {
                    own.push((*index, entry.code_span));
                }
            }
        }
        let parameters = GenericNames::new(generics);
        if parameters.is_empty() {
            // A lifetime parameter is `'static` here: a `const _` names no
            // parameter, and no check depends on one.
            let lifetimes = generics.lifetimes().map(|_| quote!('static));
            let self_ty = if generics.lifetimes().next().is_some() {
                quote!(#ident<#(#lifetimes),*>)
            } else {
                quote!(#ident)
            };
            let includes = quote!(<#self_ty as #krate::Catalog>::INCLUDES);
            let mut checks = include_checks(private, &name, transparent, &includes, 0, true);
            if let Some(check) = own_check(private, &name, any_own, &own, transparent, &includes, 0)
            {
                checks.extend(quote!(const _: () = #check;));
            }
            composition.checks = checks;
            let all = list(transparent);
            composition.includes = quote!(const INCLUDES: &'static [#krate::Include] = #all;);
            return composition;
        }
        // The transparent catalogs that name no parameter of the type, checked
        // before monomorphization against its own codes and each other.
        let mut fixed: Vec<(&Ident, &Field)> = Vec::new();
        let mut first = None;
        for (index, pair) in transparent.iter().enumerate() {
            if parameters.named_in(pair.1.ty) {
                first = first.or(Some(index));
            } else {
                fixed.push(*pair);
            }
        }
        if !fixed.is_empty() {
            let list = list(&fixed);
            let includes = quote!(__SKMS_FIXED_INCLUDES);
            let mut checks = include_checks(private, &name, &fixed, &includes, 0, true);
            if let Some(check) = own_check(private, &name, any_own, &own, &fixed, &includes, 0) {
                checks.extend(quote!(const _: () = #check;));
            }
            composition.checks = quote! {
                const __SKMS_FIXED_INCLUDES: &[#krate::Include] = #list;
                #checks
            };
        }
        // From the first catalog that names a parameter on, each is checked
        // after monomorphization against everything before it; each is
        // marked so, so that a catalog that includes the type checks it
        // too, before monomorphization (see `__private::check_include`).
        let Some(first) = first else {
            let all = list(transparent);
            composition.includes = quote!(const INCLUDES: &'static [#krate::Include] = #all;);
            return composition;
        };
        let mut each = TokenStream::new();
        for (index, (variant, field)) in transparent.iter().enumerate() {
            if index > 0 {
                each.extend(quote!(,));
            }
            let include = include(private, krate, variant, field);
            each.extend(if index < first {
                include
            } else {
                quote!(#private::generic_in(#include, #name))
            });
        }
        let includes = quote!(<Self as #krate::Catalog>::INCLUDES);
        let checks = include_checks(private, &name, transparent, &includes, first, false);
        let own_check = own_check(private, &name, any_own, &own, transparent, &includes, first)
            .map(|check| quote!(let () = #check;));
        composition.items = quote!(const __SKMS_COMPOSED: () = { #checks #own_check };);
        composition.use_check = quote!(let () = Self::__SKMS_COMPOSED;);
        // `catalog()` too names the check, so that the error is reported
        // where the user calls it, not inside skms-core's default method.
        composition.includes = quote! {
            const INCLUDES: &'static [#krate::Include] = &[#each];

            fn catalog() -> #krate::Listing {
                let () = Self::__SKMS_COMPOSED;
                #private::listing::<Self>(&__SKMS_ENTRIES, <Self as #krate::Catalog>::INCLUDES)
            }
        };
        composition
    }
}

/// The checks of the catalogs `transparent[from..]` (see [`check`]), each
/// spanned at its variant, as `const _` items (`items`) or statements.
fn include_checks(
    private: &TokenStream,
    name: &str,
    transparent: &[(&Ident, &Field)],
    includes: &TokenStream,
    from: usize,
    items: bool,
) -> TokenStream {
    let mut checks = TokenStream::new();
    for (index, (variant, _)) in transparent.iter().enumerate().skip(from) {
        let check = check(private, name, variant, includes, index);
        checks.extend(if items {
            quote_spanned!(variant.span()=> const _: () = #check;)
        } else {
            quote_spanned!(variant.span()=> #check;)
        });
    }
    checks
}

/// `Include::new("Variant", <Field as TransparentField>::ENTRIES, ..)`, the
/// field's type reached through the one trait `TransparentField` (see
/// [`super::resolve::transparent_call`]).
fn include(
    private: &TokenStream,
    krate: &syn::Path,
    variant: &Ident,
    field: &Field,
) -> TokenStream {
    let name = variant.to_string();
    let ty = field.ty;
    let entries = quote_spanned!(field.span()=> <#ty as #private::TransparentField>::ENTRIES);
    let includes = quote_spanned!(field.span()=> <#ty as #private::TransparentField>::INCLUDES);
    let reserved = quote_spanned!(field.span()=> <#ty as #private::TransparentField>::RESERVED);
    quote!(#krate::Include::new(#name, #entries, #includes).with_reserved(#reserved))
}

/// The codes of the standard catalog (`StandardError`), whose entry a
/// variant takes by leaving `status` and `msg` out: a variant that gives
/// one of them another meaning is reported at its code (the unit test
/// `the_standard_codes_are_the_catalogs` keeps the list in step).
pub(crate) const STANDARD_CODES: [u32; 26] = [
    40003, 40004, 40005, 40006, 40007, 40008, 40009, 40011, 40012, 40013, 40101, 40102, 40103,
    40104, 40105, 40107, 40108, 40110, 40111, 40112, 40301, 50001, 50002, 50003, 50004, 50005,
];

/// The block (for a `const _`, or inside `__SKMS_COMPOSED`) of the check
/// that no own code means something else in the catalogs `includes[from..]`
/// (`transparent`, the variants they come through). `own_conflict` finds
/// the entry; the panic is `OwnConflict::fail` (`#[track_caller]`, so
/// reported where it is called), in a match arm spanned at the variant's
/// code for an own variant with a standard code (`own`), which is where
/// a service reuses a code with its own message by mistake; at the
/// transparent variant for any other code. An arm for every own variant
/// would cost the compiler a seventh more on the 1,000-variant benchmark
/// (`scripts/compile-time.sh`), for a case that only the code's catalog
/// can tell: one arm a standard code, one a transparent variant. `None`
/// for a type without own entries.
fn own_check(
    private: &TokenStream,
    name: &str,
    any_own: bool,
    own: &[(usize, Span)],
    transparent: &[(&Ident, &Field)],
    includes: &TokenStream,
    from: usize,
) -> Option<TokenStream> {
    if !any_own {
        return None;
    }
    // Each call spanned at the code (or the variant), and its argument, a
    // local, hygienic (mixed-site, located there too): a code written by a
    // `macro_rules!` carries that macro's hygiene, which would not see a
    // call-site local; and a call whose first token were mixed-site would
    // be reported as the derive's own code.
    let fail = |span: Span| {
        let conflict = Ident::new("__conflict", Span::mixed_site().located_at(span));
        quote_spanned!(span=> __SkmsOwnConflict::fail(&#conflict))
    };
    let mut own_arms = TokenStream::new();
    for (index, span) in own {
        let index = Literal::usize_unsuffixed(*index);
        let fail = fail(*span);
        own_arms.extend(quote!(#index => #fail,));
    }
    let mut include_arms = TokenStream::new();
    for (index, (variant, _)) in transparent.iter().enumerate().skip(from) {
        let literal = Literal::usize_unsuffixed(index);
        let fail = fail(variant.span());
        include_arms.extend(quote!(#literal => #fail,));
    }
    let from = Literal::usize_unsuffixed(from);
    let conflict = local("__conflict");
    Some(quote! {
        {
            use #private::OwnConflict as __SkmsOwnConflict;
            let #conflict = #private::own_conflict(
                #name,
                &__SKMS_ENTRIES,
                &__SKMS_BY_CODE,
                #includes,
                #from,
            );
            match #conflict.index {
                #own_arms
                _ => match #conflict.include {
                    #include_arms
                    _ => {}
                },
            }
        }
    })
}

/// `if let Some(message) = check_include(..) { panic!("{}", message) }`,
/// every token spanned at the variant, where the compiler reports a panic.
fn check(
    private: &TokenStream,
    name: &str,
    variant: &Ident,
    includes: &TokenStream,
    index: usize,
) -> TokenStream {
    let index = Literal::usize_unsuffixed(index);
    let private = respan(private, variant.span());
    let includes = respan(includes, variant.span());
    quote_spanned! {variant.span()=>
        if let ::core::option::Option::Some(__message) = #private::check_include(
            #name,
            &__SKMS_ENTRIES,
            &__SKMS_BY_CODE,
            &__SKMS_RESERVED,
            #includes,
            #index,
        ) {
            ::core::panic!("{}", __message.as_str())
        }
    }
}
