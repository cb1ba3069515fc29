//! Code generation. Nothing here can fail: every check happened in `valid.rs`.
//!
//! This file holds several concerns (entries, slot, composition, code
//! tables, `FromBody`, detail bodies, generics) and is over 1,600 lines:
//! splitting it into `expand/` by concern is issue 14, still open.
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

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned, ToTokens, TokenStreamExt as _};
use syn::DeriveInput;

use crate::ast::{Field, Input};
use crate::ctxt::Ctxt;
use crate::fmt::{DetailFormat, Segment};
use crate::texts;
use crate::valid::{self, DetailPlan, Kind, OwnEntry, Plan};

pub(crate) fn derive(node: &DeriveInput) -> TokenStream {
    let cx = Ctxt::default();
    let input = Input::from_syn(&cx, node);
    let plan = input.as_ref().map(|input| valid::check(&cx, input));
    match (cx.check(), &input, plan) {
        (Ok(()), Some(input), Some(plan)) => expand(input, &plan),
        (Err(errors), input, _) => {
            let mut tokens = errors.to_compile_error();
            if let Some(input) = input {
                let krate = input
                    .attrs
                    .krate
                    .as_ref()
                    .map_or_else(|| quote!(::skms_core), |k| k.value.to_token_stream());
                tokens.extend(fallback(node, &krate));
            }
            tokens
        }
        // Unreachable: without an error there is always a plan.
        (Ok(()), _, _) => TokenStream::new(),
    }
}

fn expand(input: &Input, plan: &Plan) -> TokenStream {
    let krate = &plan.krate;
    let private = quote!(#krate::__private);
    let ty = &input.original.ident;
    let (impl_generics, ty_generics, _) = input.original.generics.split_for_impl();
    let bounds = Bounds::new(input, plan);
    let where_clause = bounds.where_clause(&[]);

    // Each variant's detail of plain fields, read once for its entry and
    // its arm of `__skms_detail`.
    let plain_details: Vec<Option<PlainDetail>> = plan
        .variants
        .iter()
        .map(|(_, kind)| match kind {
            Kind::Own {
                entry:
                    OwnEntry {
                        detail: Some(DetailPlan::Formatted { format, .. }),
                        ..
                    },
                ..
            } => plain_detail(format),
            _ => None,
        })
        .collect();
    // The entries, comma-separated, in one stream. A macro runs unoptimized
    // and each `TokenStream` spliced into another costs round-trips to the
    // compiler: streams are collected at once (one concatenation), never
    // spliced one at a time as `#(#entries),*` would.
    let entry_count = plan
        .variants
        .iter()
        .filter(|(_, kind)| matches!(kind, Kind::Own { .. }))
        .count();
    let entries: TokenStream = plan
        .variants
        .iter()
        .zip(&plain_details)
        .filter_map(|((variant, kind), plain)| match kind {
            Kind::Own { index, entry } => {
                let mut tokens = entry_tokens(
                    krate,
                    &private,
                    &variant.ident.to_string(),
                    entry,
                    plain.as_ref(),
                );
                if index + 1 < entry_count {
                    tokens.append(Punct::new(',', Spacing::Alone));
                }
                Some(tokens)
            }
            Kind::Transparent { .. } => None,
        })
        .collect();
    let by_code = {
        let mut own: Vec<(u32, usize)> = plan
            .variants
            .iter()
            .filter_map(|(_, kind)| match kind {
                Kind::Own { index, entry } => Some((entry.code, *index)),
                Kind::Transparent { .. } => None,
            })
            .collect();
        own.sort_unstable();
        own.into_iter()
            .map(|(_, index)| Literal::u32_unsuffixed(u32::try_from(index).unwrap_or(u32::MAX)))
            .collect::<Vec<_>>()
    };

    let (code_table_ty, code_table) = code_table(
        &private,
        &plan
            .variants
            .iter()
            .filter_map(|(_, kind)| match kind {
                Kind::Own { index, entry } => Some((entry.code, *index)),
                Kind::Transparent { .. } => None,
            })
            .collect::<Vec<_>>(),
    );

    let slot = slot_body(input, plan, &private);
    let from_body = from_body_impl(input, plan, &private, krate, &bounds);
    let transparent_fields = included_fields(input, plan);
    let composition = Composition::new(input, &transparent_fields, &private, krate);
    let includes = &composition.includes;
    let composition_checks = &composition.checks;
    let composed_items = &composition.items;
    let composed_use = &composition.use_check;
    // Each included catalog by its own `lookup` (a table too, when it is
    // derived), in the order of `INCLUDES`; reached through
    // `TransparentField`, like every use of the field's type.
    let lookup_included: TokenStream = transparent_fields
        .iter()
        .map(|(_, field)| {
            let field_ty = field.ty;
            quote_spanned! {field.span()=>
                if let ::core::option::Option::Some(__entry) = <#field_ty as #private::TransparentField>::lookup(__code) {
                    return ::core::option::Option::Some(__entry);
                }
            }
        })
        .collect();
    let (detail, piece_fns) = fmt_detail_body(input, plan, &plain_details, &private);

    let std_impls = if plan.std_error {
        let source = source_fn(input, plan, &private);
        let mut extra = bounds.added_for_error.clone();
        if input.original.generics.type_params().next().is_some() {
            extra.push(quote!(Self: ::core::fmt::Debug));
        }
        let error_where = bounds.where_clause(&extra);
        quote! {
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
    let grpc = if plan.variants.iter().any(|(_, kind)| match kind {
        Kind::Own { entry, .. } => entry.grpc.is_some(),
        Kind::Transparent { .. } => true,
    }) {
        quote! {
            #[inline]
            fn __skms_grpc(&self) -> ::core::primitive::u8 {
                self.__skms_slot().grpc()
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
                entry_pieces as __skms_entry_pieces, DetailField as __SkmsField,
                NO_PIECE as __SKMS_NO_PIECE,
            };
            static __SKMS_ENTRIES: [#krate::Entry; #entry_count] = [#entries];
            #piece_fns
            // The indices of the entries in the order of their codes, for
            // lookups by binary search (the decoder, the composition checks).
            static __SKMS_BY_CODE: [::core::primitive::u32; #entry_count] = [#(#by_code),*];
            // The same by hash, for the lookups at run time (`lookup`,
            // `from_body`, `StandardError::from_code`).
            static __SKMS_BY_HASH: #code_table_ty = #code_table;

            // `#[automatically_derived]` is for trait impls: on an inherent
            // impl it is a future-incompatibility warning.
            impl #impl_generics #ty #ty_generics #where_clause {
                #composed_items

                #[inline]
                fn __skms_slot(&self) -> #private::Slot<'_> {
                    #composed_use
                    #slot
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
                    self.__skms_slot().code()
                }
                #[inline]
                fn status(&self) -> ::core::primitive::u16 {
                    self.__skms_slot().status()
                }
                #[inline]
                fn message(&self) -> &::core::primitive::str {
                    self.__skms_slot().message()
                }
                #[inline]
                fn detail(&self) -> ::core::option::Option<#private::Cow<'_, ::core::primitive::str>> {
                    self.__skms_slot().detail(self)
                }
                #[inline]
                fn has_detail(&self) -> ::core::primitive::bool {
                    self.__skms_slot().has_detail()
                }
                #[inline]
                fn fmt_detail(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    self.__skms_detail(__f)
                }
                #[inline]
                fn write_json(&self, __out: &mut #private::Vec<::core::primitive::u8>) {
                    #private::write_json(self.__skms_slot(), self, __out, Self::__skms_detail);
                }
                #[inline]
                fn detail_exposure(&self) -> #krate::DetailExposure {
                    self.__skms_slot().detail_exposure()
                }
                #grpc
            }

            #[automatically_derived]
            impl #impl_generics #krate::Catalog for #ty #ty_generics #where_clause {
                const ENTRIES: &'static [#krate::Entry] = &__SKMS_ENTRIES;
                #includes

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
                    #private::serialize_slot(self.__skms_slot(), self, __serializer, Self::__skms_detail)
                }
            }

            #std_impls

            #integrations
        };
    }
}

/// `__private::integrations! { .. }`: the impls for the integrations that are
/// on in skms-core (axum, actix-web, http, tonic), which the derive cannot see; the
/// macro's definition there depends on its features.
fn integrations(
    private: &TokenStream,
    node: &DeriveInput,
    predicates: &[TokenStream],
) -> TokenStream {
    let ty = &node.ident;
    let (impl_generics, ty_generics, _) = node.generics.split_for_impl();
    // `<'a, T: Display>` as `'a, T: Display,`: the macro adds parameters of
    // its own, and a lifetime must come before the type parameters.
    let mut params: Vec<TokenTree> = impl_generics.to_token_stream().into_iter().collect();
    if params.len() >= 2 {
        params.pop();
        params.remove(0);
        params.push(Punct::new(',', Spacing::Alone).into());
    }
    quote! {
        #private::integrations! {
            params = [#(#params)*],
            ty = [#ty #ty_generics],
            bounds = [#(#predicates,)*],
        }
    }
}

/// `__private::entry(40013, 400, "msg", "Variant", "{\"code\":..")`, or
/// `entry_pieces`/`entry_formatted` for a detail formatted from fields, with
/// the rest added around it. One call, few arguments: in a table of a
/// thousand entries, each costs the compiler.
///
/// Written for speed, as this runs once a variant: each wrapper moves the
/// call it wraps into its parentheses (`wrap`) rather than splicing a copy.
fn entry_tokens(
    krate: &syn::Path,
    private: &TokenStream,
    variant: &str,
    entry: &OwnEntry,
    plain: Option<&PlainDetail>,
) -> TokenStream {
    let code = Literal::u32_unsuffixed(entry.code);
    let base = match &entry.status_and_message {
        Some((status, message)) => {
            let status = Literal::u16_unsuffixed(*status);
            let json_prefix = json_prefix(entry.code, message);
            match (&entry.detail, plain) {
                (None, _) => {
                    quote!(__skms_entry(#code, #status, #message, #variant, #json_prefix))
                }
                (Some(DetailPlan::Static(text)), _) => quote!(#private::with_static_detail(
                    #private::entry(#code, #status, #message, #variant, #json_prefix),
                    #text,
                )),
                (Some(DetailPlan::Formatted { .. }), Some(plain)) => {
                    let texts = &plain.entry_texts;
                    quote!(__skms_entry_pieces(
                        #code, #status, #message, #variant, #json_prefix, #texts
                    ))
                }
                (Some(DetailPlan::Formatted { .. }), None) => quote!(__skms_entry_formatted(
                    #code, #status, #message, #variant, #json_prefix
                )),
            }
        }
        None => {
            // Spanned on the code, where a code that is not standard is
            // reported by const evaluation: the panic is the table's, with
            // the message that `reuse` computes.
            let spanned = respan(private, entry.code_span);
            let reuse = quote_spanned! {entry.code_span=>
                match #spanned::reuse(#code, #variant) {
                    ::core::result::Result::Ok(__entry) => __entry,
                    ::core::result::Result::Err(__message) => ::core::panic!("{}", __message.as_str()),
                }
            };
            match (&entry.detail, plain) {
                (None, _) => reuse,
                (Some(DetailPlan::Static(text)), _) => {
                    quote!(#private::with_static_detail(#reuse, #text))
                }
                (Some(DetailPlan::Formatted { .. }), Some(plain)) => {
                    let texts = &plain.entry_texts;
                    quote!(#private::with_pieces_detail(#reuse, #texts))
                }
                (Some(DetailPlan::Formatted { .. }), None) => {
                    quote!(#private::with_formatted_detail(#reuse))
                }
            }
        }
    };
    // Only for skms-core's `utoipa` (see skms-derive's Cargo.toml).
    let base = match &entry.detail {
        Some(DetailPlan::Formatted { template, .. }) if cfg!(feature = "utoipa") => {
            wrap(krate, "with_detail_template", base, &[template])
        }
        _ => base,
    };
    let base = match &entry.description {
        Some(description) => wrap(krate, "with_description", base, &[description]),
        None => base,
    };
    let base = match &entry.doc {
        Some(doc) => wrap(krate, "with_doc", base, &[doc]),
        None => base,
    };
    let base = match entry.exposure {
        None => base,
        Some(public) => {
            let exposure = Ident::new(
                if public { "Public" } else { "Internal" },
                Span::call_site(),
            );
            let exposure = quote!(#krate::DetailExposure::#exposure);
            wrap(krate, "with_exposure", base, &[&exposure])
        }
    };
    match entry.grpc {
        None => base,
        Some(code) => wrap(krate, "with_grpc", base, &[&Literal::u8_unsuffixed(code)]),
    }
}

/// `#krate::__private::function(inner, args...)`: `inner` is moved into
/// the parentheses, where `quote!` would splice a copy.
fn wrap(
    krate: &syn::Path,
    function: &str,
    mut inner: TokenStream,
    args: &[&dyn ToTokens],
) -> TokenStream {
    for arg in args {
        inner.append(Punct::new(',', Spacing::Alone));
        arg.to_tokens(&mut inner);
    }
    let function = Ident::new(function, Span::call_site());
    let mut tokens = quote!(#krate::__private::#function);
    tokens.append(Group::new(Delimiter::Parenthesis, inner));
    tokens
}

/// `{"code":40013,"message":"Key not found in the keyVault"`: the start of
/// every body of an entry, escaped as `serde_json` escapes strings.
fn json_prefix(code: u32, message: &str) -> String {
    let mut prefix = format!("{{\"code\":{code},\"message\":\"");
    texts::escape_json(&mut prefix, message);
    prefix.push('"');
    prefix
}

/// The body of `__skms_slot`: the entry of the value, or its transparent field.
fn slot_body(input: &Input, plan: &Plan, private: &TokenStream) -> TokenStream {
    let is_struct = matches!(input.shape, crate::ast::Shape::Struct(_));
    if is_struct {
        return match &plan.variants[0].1 {
            Kind::Own { .. } => quote!(#private::Slot::Own(&__SKMS_ENTRIES[0])),
            Kind::Transparent { field } => {
                let member = &field.member;
                let inner = transparent_call(private, field, &quote!(&self.#member));
                quote!(#private::Slot::Inner(#inner))
            }
        };
    }
    if plan.variants.is_empty() {
        return quote!(match *self {});
    }
    // The variants named by the type's name, not `Self::`, which the
    // compiler resolves later and at more cost, a thousand times.
    let ty = &input.original.ident;
    let any_own = plan
        .variants
        .iter()
        .any(|(_, kind)| matches!(kind, Kind::Own { .. }));
    let any_transparent = plan
        .variants
        .iter()
        .any(|(_, kind)| matches!(kind, Kind::Transparent { .. }));
    // One `{ .. }` cloned into every arm of an own variant: a group built
    // for each would cost a round-trip to the compiler. The arms are
    // collected into one stream at once rather than spliced one by one.
    let any_fields = Group::new(Delimiter::Brace, quote!(..));
    let arms: TokenStream = plan
        .variants
        .iter()
        .map(|(variant, kind)| {
            let ident = variant.ident;
            match kind {
                Kind::Own { index, .. } => {
                    let index = Literal::usize_unsuffixed(*index);
                    quote!(#ty::#ident #any_fields => #index,)
                }
                Kind::Transparent { field } => {
                    let member = &field.member;
                    let binding = local("__field");
                    let inner = transparent_call(private, field, &binding.to_token_stream());
                    let slot = quote!(#private::Slot::Inner(#inner));
                    let slot = if any_own { quote!(return #slot) } else { slot };
                    quote!(#ty::#ident { #member: #binding, .. } => #slot,)
                }
            }
        })
        .collect();
    if any_own {
        quote!(#private::Slot::Own(&__SKMS_ENTRIES[match self { #arms }]))
    } else {
        debug_assert!(any_transparent);
        quote!(match self { #arms })
    }
}

/// The transparent variants whose field's catalog the type includes: all
/// but those whose field is the type itself (boxed), which add nothing.
fn included_fields<'a>(input: &'a Input, plan: &'a Plan) -> Vec<(&'a Ident, &'a Field<'a>)> {
    let name = input.original.ident.to_string();
    plan.variants
        .iter()
        .filter_map(|(variant, kind)| match kind {
            Kind::Transparent { field } if !mentions(field.ty, std::slice::from_ref(&name)) => {
                Some((variant.ident, *field))
            }
            _ => None,
        })
        .collect()
}

/// The type's own codes as a `__private::CodeTable` (its type, and the
/// value), from `(code, index in ENTRIES)`: open addressing, each code in the
/// slot of its hash or one of the next free ones, with the multiplier that
/// moves codes the least far from their slot among a few tried. How far the
/// farthest is moved bounds every search, as a constant of the type: most
/// catalogs, with their runs of consecutive codes, get none moved, and a
/// search is one read.
fn code_table(private: &TokenStream, codes: &[(u32, usize)]) -> (TokenStream, TokenStream) {
    let size = (codes.len() * 2).next_power_of_two().max(2);
    let mask = size - 1;
    let shift = 32 - size.trailing_zeros().min(31);
    let place = |multiplier: u32| {
        let mut slots = vec![0_u64; size];
        let (mut farthest, mut moves) = (0_usize, 0_usize);
        for &(code, index) in codes {
            let home = usize::try_from(code.wrapping_mul(multiplier) >> shift).unwrap_or(0) & mask;
            let mut distance = 0;
            while slots[(home + distance) & mask] != 0 {
                distance += 1;
            }
            slots[(home + distance) & mask] =
                u64::from(code) << 32 | u64::try_from(index + 1).unwrap_or(0);
            farthest = farthest.max(distance);
            moves += distance;
        }
        ((farthest, moves), multiplier, slots)
    };
    // Odd multipliers: the golden ratio's, then a linear congruential walk.
    let mut multiplier: u32 = 0x9e37_79b9;
    let mut best = place(multiplier);
    for _ in 0..15 {
        if best.0 .0 == 0 {
            break;
        }
        multiplier = multiplier
            .wrapping_mul(0x0019_660d)
            .wrapping_add(0x3c6e_f35f)
            | 1;
        let candidate = place(multiplier);
        if candidate.0 < best.0 {
            best = candidate;
        }
    }
    let ((farthest, _), multiplier, slots) = best;
    let size = Literal::usize_unsuffixed(size);
    let probes = Literal::usize_unsuffixed(farthest + 1);
    let multiplier = Literal::u32_unsuffixed(multiplier);
    let slots = slots.into_iter().map(Literal::u64_unsuffixed);
    (
        quote!(#private::CodeTable<#size, #probes>),
        quote!(#private::CodeTable { multiplier: #multiplier, slots: [#(#slots),*] }),
    )
}

/// The included catalogs of a type and the checks that no code means two
/// things in its composed catalog.
///
/// Each check is an item of the generated code that panics, spanned at the
/// transparent variant, with the message that `__private::check_include`
/// computes: the compiler's error is that one message at the user's variant.
/// A check is evaluated where it can be:
///
/// - in a `const _` item, in `cargo check`, for a type without type or const
///   parameters, and for the included catalogs of a generic type whose field
///   types name none of its parameters (`StandardError`), checked against
///   its own codes and against each other;
/// - after monomorphization, in `cargo build`, for what depends on a
///   parameter: an associated const of the type, `__SKMS_COMPOSED`, which
///   `__skms_slot` (so `code()`, serialization, `Display`), `lookup` and
///   `catalog()` name. A `()` named in a function costs nothing at run
///   time. Those included catalogs are marked (`__private::generic_in`), and
///   a type that includes the generic one (`Wrapper<Inner>`) checks them
///   again in its own `const _`, so that its `cargo check` finds them.
struct Composition {
    /// `const INCLUDES` of the `Catalog` impl, if the type includes any.
    includes: TokenStream,
    /// The `const _` checks.
    checks: TokenStream,
    /// `__SKMS_COMPOSED` of the inherent impl, the checks after
    /// monomorphization.
    items: TokenStream,
    /// The statement of `__skms_slot` that names `__SKMS_COMPOSED`.
    use_check: TokenStream,
}

impl Composition {
    fn new(
        input: &Input,
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
        let list = |fields: &mut dyn Iterator<Item = &(&Ident, &Field)>| {
            let each = fields.map(|(variant, field)| include(private, krate, variant, field));
            quote!(&[#(#each),*])
        };
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
            composition.checks = transparent
                .iter()
                .enumerate()
                .map(|(index, (variant, _))| {
                    let check = check(private, &name, variant, &includes, index);
                    quote_spanned!(variant.span()=> const _: () = #check;)
                })
                .collect();
            let all = list(&mut transparent.iter());
            composition.includes = quote!(const INCLUDES: &'static [#krate::Include] = #all;);
            return composition;
        }
        // The transparent catalogs that name no parameter of the type, checked
        // before monomorphization against its own codes and each other.
        let fixed: Vec<&(&Ident, &Field)> = transparent
            .iter()
            .filter(|(_, field)| !parameters.named_in(field.ty))
            .collect();
        if !fixed.is_empty() {
            let list = list(&mut fixed.iter().copied());
            let includes = quote!(__SKMS_FIXED_INCLUDES);
            let checks: TokenStream = fixed
                .iter()
                .enumerate()
                .map(|(index, (variant, _))| {
                    let check = check(private, &name, variant, &includes, index);
                    quote_spanned!(variant.span()=> const _: () = #check;)
                })
                .collect();
            composition.checks = quote! {
                const __SKMS_FIXED_INCLUDES: &[#krate::Include] = #list;
                #checks
            };
        }
        // From the first catalog that names a parameter on, each is checked
        // after monomorphization against everything before it; each is
        // marked so, so that a catalog that includes the type checks it
        // too, before monomorphization (see `__private::check_include`).
        let Some(first) = transparent
            .iter()
            .position(|(_, field)| parameters.named_in(field.ty))
        else {
            let all = list(&mut transparent.iter());
            composition.includes = quote!(const INCLUDES: &'static [#krate::Include] = #all;);
            return composition;
        };
        let each = transparent
            .iter()
            .enumerate()
            .map(|(index, (variant, field))| {
                let include = include(private, krate, variant, field);
                if index < first {
                    include
                } else {
                    quote!(#private::generic_in(#include, #name))
                }
            });
        let includes = quote!(<Self as #krate::Catalog>::INCLUDES);
        let checks: TokenStream = transparent
            .iter()
            .enumerate()
            .skip(first)
            .map(|(index, (variant, _))| {
                let check = check(private, &name, variant, &includes, index);
                quote_spanned!(variant.span()=> #check;)
            })
            .collect();
        composition.items = quote!(const __SKMS_COMPOSED: () = { #checks };);
        composition.use_check = quote!(let () = Self::__SKMS_COMPOSED;);
        // `catalog()` too names the check, so that the error is reported
        // where the user calls it, not inside skms-core's default method.
        composition.includes = quote! {
            const INCLUDES: &'static [#krate::Include] = &[#(#each),*];

            fn catalog() -> #krate::Listing {
                let () = Self::__SKMS_COMPOSED;
                #private::listing(&__SKMS_ENTRIES, <Self as #krate::Catalog>::INCLUDES)
            }
        };
        composition
    }
}

/// `Include::new("Variant", <Field as TransparentField>::ENTRIES, ..)`, the
/// field's type reached through the one trait `TransparentField` (see
/// [`transparent_call`]).
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
    quote!(#krate::Include::new(#name, #entries, #includes))
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
            #includes,
            #index,
        ) {
            ::core::panic!("{}", __message.as_str())
        }
    }
}

/// The names of a type's generic parameters, to tell a field type that
/// names one (checked after monomorphization) from one that names none.
struct GenericNames {
    /// Type and const parameters.
    params: Vec<String>,
    /// Lifetime parameters, without the quote.
    lifetimes: Vec<String>,
}

impl GenericNames {
    fn new(generics: &syn::Generics) -> Self {
        GenericNames {
            params: generics
                .type_params()
                .map(|param| param.ident.to_string())
                .chain(generics.const_params().map(|param| param.ident.to_string()))
                .collect(),
            lifetimes: generics
                .lifetimes()
                .map(|param| param.lifetime.ident.to_string())
                .collect(),
        }
    }

    /// Whether the type has no type or const parameter.
    fn is_empty(&self) -> bool {
        self.params.is_empty()
    }

    /// Whether `ty` names a parameter, a lifetime parameter or `Self`.
    fn named_in(&self, ty: &syn::Type) -> bool {
        fn walk(generic: &GenericNames, tokens: TokenStream) -> bool {
            let mut after_quote = false;
            tokens.into_iter().any(|tree| {
                let found = match &tree {
                    TokenTree::Ident(ident) if after_quote => {
                        generic.lifetimes.iter().any(|name| ident == name)
                    }
                    TokenTree::Ident(ident) => {
                        ident == "Self" || generic.params.iter().any(|name| ident == name)
                    }
                    TokenTree::Group(group) => walk(generic, group.stream()),
                    TokenTree::Punct(_) | TokenTree::Literal(_) => false,
                };
                after_quote = matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == '\'');
                found
            })
        }
        walk(self, ty.to_token_stream())
    }
}

/// `impl FromBody`: a body becomes the variant of its code when that variant
/// can be rebuilt from a body (a unit variant, or one whose only field is
/// marked `#[skms(detail)]`), else through a transparent variant whose
/// field's type rebuilds it. Own codes come first: a body with an own code
/// that cannot be rebuilt is `None`, never another variant's.
fn from_body_impl(
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

/// `Enum::Variant`, or `Self` for a struct, pushed token by token where a
/// `quote!`-built path would be a stream, spliced at each use.
struct VariantPath<'a> {
    ty: &'a Ident,
    variant: Option<&'a Ident>,
}

impl ToTokens for VariantPath<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self.variant {
            Some(variant) => {
                tokens.append(self.ty.clone());
                tokens.append(Punct::new(':', Spacing::Joint));
                tokens.append(Punct::new(':', Spacing::Alone));
                tokens.append(variant.clone());
            }
            None => tokens.append(Ident::new("Self", Span::call_site())),
        }
    }
}

/// `tokens`, every one of them spanned at `span`.
fn respan(tokens: &TokenStream, span: proc_macro2::Span) -> TokenStream {
    tokens
        .clone()
        .into_iter()
        .map(|mut token| {
            if let TokenTree::Group(group) = &token {
                let mut respanned =
                    proc_macro2::Group::new(group.delimiter(), respan(&group.stream(), span));
                respanned.set_span(span);
                token = TokenTree::Group(respanned);
            } else {
                token.set_span(span);
            }
            token
        })
        .collect()
}

/// `<Field as __private::TransparentField>::as_dyn(field)`, spanned at the
/// field: a type that is not an `SkmsError` with a `Catalog` is reported
/// there, once, since every use of the field's type (this, and its entries
/// in `INCLUDES`) asks the one trait `TransparentField` at the one span.
fn transparent_call(private: &TokenStream, field: &Field, value: &TokenStream) -> TokenStream {
    let ty = field.ty;
    quote_spanned!(field.span()=> <#ty as #private::TransparentField>::as_dyn(#value))
}

/// The most fields that the arms of `__skms_detail` hand over in their
/// fixed-size array; a detail with more writes itself in its arm.
const MAX_ARM_FIELDS: usize = 4;

/// The body of `__skms_detail`, which writes the detail into a
/// `DetailWriter` (a `Formatter`, or the JSON string of `write_json`).
///
/// A detail whose fields have no spec is written from its entry's texts
/// (see [`plain_detail`]) and the fields that its arm gives: the arm is an
/// index and an array of fields, the same type in every arm, and one call
/// after the match writes them. That is the cheapest shape for the compiler
/// that was measured: no string literal and no method call in the arms, no
/// slice of a different length in each, no `core::fmt` at run time (each
/// field goes through its type's `__skms_piece_N`, see [`PieceFns`]). A
/// detail with a spec is written by `write!` in its arm; every other
/// variant's detail comes from its slot.
fn fmt_detail_body(
    input: &Input,
    plan: &Plan,
    plain_details: &[Option<PlainDetail>],
    private: &TokenStream,
) -> (TokenStream, TokenStream) {
    let writer = local("__w");
    let fallback = quote!(#writer.slot(self.__skms_slot()));
    let mut piece_fns = PieceFns::new(input, private);
    let is_struct = matches!(input.shape, crate::ast::Shape::Struct(_));
    // The length of the array of fields: the most that an arm gives, up to
    // `MAX_ARM_FIELDS`; `None` when every detail writes itself in its arm.
    let width = plain_details
        .iter()
        .flatten()
        .map(|plain| plain.fields.len())
        .filter(|&len| len <= MAX_ARM_FIELDS)
        .max();
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
        let members = fields.iter().map(|field| &field.member);
        let bindings: Vec<Ident> = fields
            .iter()
            .enumerate()
            .map(|(position, field)| binding(position, field))
            .collect();
        let path = VariantPath {
            ty: &input.original.ident,
            variant: (!is_struct).then_some(variant.ident),
        };
        let index = Literal::usize_unsuffixed(*index);
        match (detail, width) {
            (Some(detail), Some(width)) if detail.fields.len() <= width => {
                let values = piece_fns.pieces(detail, fields, &bindings);
                let fillers = (detail.fields.len()..width).map(|_| quote!(__SKMS_NO_PIECE));
                arms.extend(quote! {
                    #path { #(#members: #bindings,)* .. } => (#index, [#(#values,)* #(#fillers),*]),
                });
            }
            (Some(detail), _) => {
                let values = piece_fns.pieces(detail, fields, &bindings);
                arms.extend(quote! {
                    #path { #(#members: #bindings,)* .. } =>
                        #ret #private::write_pieces(#writer, &__SKMS_ENTRIES[#index], &[#(#values),*]),
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
                let args = fields.iter().zip(&bindings).map(|(field, binding)| {
                    let name = Ident::new(&format_argument(field), Span::call_site());
                    let value = quote_spanned!(field.span()=> *#binding);
                    quote!(#name = #value)
                });
                arms.extend(quote! {
                    #path { #(#members: #bindings,)* .. } =>
                        #ret ::core::write!(#writer, #format, #(#args),*),
                });
            }
        }
    }
    if count == 0 {
        return (fallback, TokenStream::new());
    }
    let others = (count != plan.variants.len()).then(|| quote!(_ => #ret #fallback,));
    let piece_fns = piece_fns.defs;
    let Some(width) = width else {
        let body = quote! {
            #[allow(unused_imports)]
            use #private::DisplayPiece as _;
            match self { #arms #others }
        };
        return (body, piece_fns);
    };
    let width = Literal::usize_unsuffixed(width);
    let (index, pieces) = (local("__index"), local("__fields"));
    let body = quote! {
        #[allow(unused_imports)]
        use #private::DisplayPiece as _;
        let (#index, #pieces): (
            ::core::primitive::usize,
            [#private::Piece<'_>; #width],
        ) = match self { #arms #others };
        #private::write_pieces(#writer, &__SKMS_ENTRIES[#index], &#pieces)
    };
    (body, piece_fns)
}

/// A detail whose fields have no spec: the texts around the fields as its
/// entry keeps them (see `__private::with_pieces_detail` and `texts.rs`),
/// and the fields in the order they are written, by their position among
/// the fields that the detail binds (a field named twice is there twice).
struct PlainDetail {
    entry_texts: String,
    fields: Vec<usize>,
}

/// The plain detail of a formatted detail; `None` when a field has a spec (`{0:>5}`, `{key_id:?}`), which only `core::fmt` writes, or
/// when its texts cannot be encoded.
fn plain_detail(format: &DetailFormat<usize>) -> Option<PlainDetail> {
    let mut texts: Vec<&str> = Vec::new();
    let mut fields = Vec::new();
    let mut before = "";
    for segment in &format.segments {
        match segment {
            Segment::Text(text) => before = text,
            Segment::Field { field, spec } => {
                if !spec.is_empty() {
                    return None;
                }
                texts.push(std::mem::take(&mut before));
                fields.push(*field);
            }
        }
    }
    texts.push(before);
    Some(PlainDetail {
        entry_texts: texts::encode(&texts)?,
        fields,
    })
}

/// How the fields of plain details are handed over as `Piece`s: through
/// one function per field type, `__skms_piece_N(&Type) -> Piece`, in which
/// the compiler chooses the `Piece` (string, integer or `Display`) once for
/// the type instead of once for every field. Measured on the 1,000-variant
/// crate: 170 M of 2,580 M instructions. A type that names the type's
/// generic parameters, a lifetime or `Self` cannot be named outside the
/// impl: its fields choose in their arm, as `__SkmsField(field).skms_piece()`.
/// Either way the choice is spanned on the field (the first of its type),
/// so that a field that is not `Display` is reported there.
struct PieceFns<'a> {
    private: &'a TokenStream,
    /// The names of the generic type and const parameters.
    params: Vec<String>,
    /// The types that have a function, as their tokens print.
    types: Vec<String>,
    defs: TokenStream,
}

impl<'a> PieceFns<'a> {
    fn new(input: &Input, private: &'a TokenStream) -> Self {
        let generics = &input.original.generics;
        let params = generics
            .type_params()
            .map(|param| param.ident.to_string())
            .chain(generics.const_params().map(|param| param.ident.to_string()))
            .collect();
        PieceFns {
            private,
            params,
            types: Vec::new(),
            defs: TokenStream::new(),
        }
    }

    /// Each field that `plain` names, in order, as a `Piece`.
    fn pieces(
        &mut self,
        plain: &PlainDetail,
        fields: &[&Field],
        bindings: &[Ident],
    ) -> Vec<TokenStream> {
        plain
            .fields
            .iter()
            .map(|&position| {
                let (field, binding) = (fields[position], &bindings[position]);
                match self.function(field) {
                    Some(function) => quote!(#function(#binding)),
                    None => quote_spanned! {field.span()=>
                        __SkmsField(#binding).skms_piece()
                    },
                }
            })
            .collect()
    }

    /// The function for the type of `field`, written on first use; `None`
    /// for a type that cannot be named outside the impl.
    fn function(&mut self, field: &Field) -> Option<Ident> {
        let ty = field.ty.to_token_stream();
        if !self.standalone(ty.clone()) {
            return None;
        }
        let key = ty.to_string();
        let index = match self.types.iter().position(|known| *known == key) {
            Some(index) => index,
            None => {
                let index = self.types.len();
                let function = format_ident!("__skms_piece_{}", index);
                let private = self.private;
                // Only the call is spanned on the field: the parameter is
                // the derive's, hygienic, whatever the field's span says
                // (a field written by a `macro_rules!`).
                let value = local("__field");
                let choose = quote_spanned! {field.span()=>
                    __SkmsField(#value).skms_piece()
                };
                self.defs.extend(quote! {
                    #[inline]
                    fn #function<'__skms>(#value: &'__skms #ty) -> #private::Piece<'__skms> {
                        #[allow(unused_imports)]
                        use #private::DisplayPiece as _;
                        #choose
                    }
                });
                self.types.push(key);
                index
            }
        };
        Some(format_ident!("__skms_piece_{}", index))
    }

    /// Whether a type names none of the generic parameters, no lifetime but
    /// `'static` and not `Self`.
    fn standalone(&self, tokens: TokenStream) -> bool {
        let mut after_quote = false;
        tokens.into_iter().all(|tree| {
            let ok = match &tree {
                TokenTree::Ident(ident) => {
                    if after_quote {
                        ident == "static"
                    } else {
                        ident != "Self" && !self.params.iter().any(|param| ident == param)
                    }
                }
                TokenTree::Group(group) => self.standalone(group.stream()),
                TokenTree::Punct(_) | TokenTree::Literal(_) => true,
            };
            after_quote = matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == '\'');
            ok
        })
    }
}

/// The identifier a match arm binds the `position`-th field of a detail to:
/// `__skms_field_0`, never a name made from the field's, so that no field
/// name can shadow another local or an item of the generated code. Hygienic
/// (mixed-site) like every local of the generated code, so that no token of
/// the user's (a field's type, or a field named by a `macro_rules!` whose
/// tokens carry another hygiene) sees it or hides it; located on the field,
/// so that a field that cannot be formatted is reported there.
fn binding(position: usize, field: &Field) -> Ident {
    Ident::new(
        &format!("__skms_field_{position}"),
        Span::mixed_site().located_at(field.span()),
    )
}

/// A local or parameter of the generated code, hygienic (mixed-site): the
/// user's tokens in the generated code cannot name it or shadow it.
fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// The name of the argument of `core::write!` that stands for `field` in
/// the detail's format string: `__key_id`, `__0`.
fn format_argument(field: &Field) -> String {
    format!("__{}", field.name())
}

/// `source()`: a transparent variant's is its field's.
fn source_fn(input: &Input, plan: &Plan, private: &TokenStream) -> TokenStream {
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

/// The bounds the generated impls add: only for the fields whose types
/// mention a type parameter, and only the traits the generated code uses.
struct Bounds<'a> {
    original: Option<&'a syn::WhereClause>,
    /// For every impl.
    added: Vec<TokenStream>,
    /// For the `std::error::Error` impl only.
    added_for_error: Vec<TokenStream>,
    /// For the `FromBody` impl only.
    added_for_from_body: Vec<TokenStream>,
}

impl<'a> Bounds<'a> {
    fn new(input: &'a Input, plan: &Plan) -> Self {
        let generics = &input.original.generics;
        let params: Vec<String> = generics
            .type_params()
            .map(|p| p.ident.to_string())
            .collect();
        let mut bounds = Bounds {
            original: generics.where_clause.as_ref(),
            added: Vec::new(),
            added_for_error: Vec::new(),
            added_for_from_body: Vec::new(),
        };
        if params.is_empty() {
            return bounds;
        }
        let private = {
            let krate = &plan.krate;
            quote!(#krate::__private)
        };
        let krate = &plan.krate;
        for (_, kind) in &plan.variants {
            match kind {
                Kind::Transparent { field } if mentions(field.ty, &params) => {
                    let ty = field.ty;
                    // `Catalog` for every impl: the composition check that
                    // `__skms_slot` names reads the field's catalog.
                    push_unique(&mut bounds.added, quote!(#ty: #krate::SkmsError));
                    push_unique(&mut bounds.added, quote!(#ty: #krate::Catalog));
                    push_unique(&mut bounds.added_for_error, quote!(#ty: #private::StdError));
                    push_unique(
                        &mut bounds.added_for_from_body,
                        quote!(#ty: #krate::FromBody),
                    );
                }
                Kind::Own {
                    entry:
                        OwnEntry {
                            detail: Some(detail),
                            ..
                        },
                    ..
                } => {
                    for (field, fmt_trait) in detail.uses() {
                        if !mentions(field.ty, &params) {
                            continue;
                        }
                        let ty = field.ty;
                        let Some(fmt_trait) = fmt_trait.trait_name() else {
                            continue;
                        };
                        let fmt_trait = Ident::new(fmt_trait, Span::call_site());
                        push_unique(&mut bounds.added, quote!(#ty: ::core::fmt::#fmt_trait));
                    }
                }
                _ => {}
            }
        }
        bounds
    }

    /// The user's predicates, the derive's, and `extra`.
    fn predicates(&self, extra: &[TokenStream]) -> Vec<TokenStream> {
        let original = self.original.into_iter().flat_map(|w| w.predicates.iter());
        original
            .map(ToTokens::to_token_stream)
            .chain(self.added.iter().cloned())
            .chain(extra.iter().cloned())
            .collect()
    }

    /// `where` with the user's predicates, the derive's, and `extra`.
    fn where_clause(&self, extra: &[TokenStream]) -> TokenStream {
        let predicates = self.predicates(extra);
        if predicates.is_empty() {
            TokenStream::new()
        } else {
            quote!(where #(#predicates),*)
        }
    }
}

fn push_unique(bounds: &mut Vec<TokenStream>, bound: TokenStream) {
    let text = bound.to_string();
    if !bounds.iter().any(|b| b.to_string() == text) {
        bounds.push(bound);
    }
}

/// Whether `ty` names one of the type parameters `params`.
fn mentions(ty: &syn::Type, params: &[String]) -> bool {
    fn walk(tokens: TokenStream, params: &[String]) -> bool {
        tokens.into_iter().any(|tree| match tree {
            TokenTree::Ident(ident) => params.iter().any(|p| ident == p),
            TokenTree::Group(group) => walk(group.stream(), params),
            TokenTree::Punct(_) | TokenTree::Literal(_) => false,
        })
    }
    walk(ty.to_token_stream(), params)
}

/// After an error, impls whose bodies are never run, so that the user sees
/// the mistake in the attribute and not a cascade of "`SkmsError` is not
/// implemented" (or "`IntoResponse` is not implemented") at every use of the
/// type.
fn fallback(node: &DeriveInput, krate: &TokenStream) -> TokenStream {
    let ty = &node.ident;
    let (impl_generics, ty_generics, where_clause) = node.generics.split_for_impl();
    let private = quote!(#krate::__private);
    let predicates: Vec<TokenStream> = where_clause
        .into_iter()
        .flat_map(|w| w.predicates.iter().map(ToTokens::to_token_stream))
        .collect();
    let integrations = integrations(&private, node, &predicates);
    quote! {
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

        #[automatically_derived]
        impl #impl_generics ::core::fmt::Display for #ty #ty_generics #where_clause {
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::unreachable!()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::plain_detail;
    use crate::fmt;

    #[test]
    fn plain_detail_texts() {
        let plain = |detail: &str| {
            let parsed = fmt::parse(detail).unwrap();
            let named = parsed.fields();
            plain_detail(&parsed.map(|field| named.iter().position(|n| *n == field).unwrap()))
        };
        // The texts around the fields, encoded (see `texts.rs`), and the
        // fields as they are written, a field named twice there twice.
        let detail = plain("keyId : {key_id}").unwrap();
        assert_eq!(detail.fields, [0]);
        assert_eq!(detail.entry_texts, "\u{a}\u{8}keyId : \u{0}");
        let detail = plain("{1}{0}{1}").unwrap();
        assert_eq!(detail.fields, [0, 1, 0]);
        assert_eq!(detail.entry_texts, "\u{4}\0\0\0\0");
        let detail = plain("\"{0}\"").unwrap();
        assert_eq!(detail.entry_texts, "\u{4}\u{1}\"\u{1}\"\u{2}\\\"\u{2}\\\"");
        // A spec: `write!`; an empty one is none.
        assert!(plain("{0:>5}").is_none());
        assert!(plain("{0:}").is_some());
        // A text whose length is not a char below the surrogates: `write!`.
        let long = "x".repeat(0xD800);
        assert!(plain(&format!("{long}{{0}}")).is_none());
        let long = "x".repeat(0xD7F0);
        assert!(plain(&format!("{long}{{0}}")).is_some());
    }
}
