//! `impl FromBody`: the variant that an error body stands for; and which
//! variants are rebuilt from a body ([`Rebuild`]), which their entries say.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};

use super::detail::PlainDetail;
use super::names::{local, VariantPath};
use crate::ast::{Field, Input, Variant};
use crate::generics::{Bounds, GenericNames};
use crate::valid::{DetailPlan, Kind, OwnEntry, Plan};

/// The most fields of a variant read back from its detail: skms-core's
/// `__private::MAX_DETAIL_FIELDS`, the tuples it reads into.
const MAX_DETAIL_FIELDS: usize = 8;

/// How a variant of the type's own is rebuilt from a body: the derive's
/// half of skms-core's `Rebuilt`, which its entry records.
pub(crate) enum Rebuild<'a> {
    /// A variant without fields: from every body with its code.
    Always,
    /// The one field, marked `#[skms(detail)]`: the whole detail, parsed.
    Marked(&'a Field<'a>),
    /// Every field appears in the detail, without a spec: read back by
    /// skms-core's detail reader. `fields` in the order of first use,
    /// `uses` each field written, by its position in `fields`.
    Read {
        fields: &'a [&'a Field<'a>],
        uses: &'a [usize],
    },
    /// Nothing reads it back.
    Never,
}

impl Rebuild<'_> {
    /// The value of skms-core's `Rebuilt` mark: 1 always, 2 from the
    /// detail, 3 never.
    pub(crate) fn mark(&self) -> u8 {
        match self {
            Rebuild::Always => 1,
            Rebuild::Marked(_) | Rebuild::Read { .. } => 2,
            Rebuild::Never => 3,
        }
    }

    /// The mark that skms-core's entry constructors give an entry of this
    /// detail (see `__private::entry`): no detail or a fixed one, always;
    /// plain fields, from the detail; a spec, never.
    pub(crate) fn default_mark(entry: &OwnEntry, plain: Option<&PlainDetail>) -> u8 {
        match (&entry.detail, plain) {
            (None | Some(DetailPlan::Static(_)), _) => 1,
            (Some(DetailPlan::Formatted { .. }), Some(_)) => 2,
            (Some(DetailPlan::Formatted { .. }), None) => 3,
        }
    }
}

/// How `variant`, of the type's own with `entry`, is rebuilt from a body.
pub(crate) fn rebuild_of<'a>(
    variant: &'a Variant<'a>,
    entry: &'a OwnEntry<'a>,
    plain: Option<&'a PlainDetail>,
) -> Rebuild<'a> {
    match (variant.fields.as_slice(), &entry.detail, plain) {
        ([], _, _) => Rebuild::Always,
        // As before the detail reader: the detail parsed whole, with no
        // check that it formats back.
        ([field], _, _) if field.detail_marker.is_some() => Rebuild::Marked(field),
        (all, Some(DetailPlan::Formatted { fields, .. }), Some(plain))
            if fields.len() == all.len() && fields.len() <= MAX_DETAIL_FIELDS =>
        {
            Rebuild::Read {
                fields,
                uses: &plain.fields,
            }
        }
        _ => Rebuild::Never,
    }
}

/// The functions that read a variant's fields back from its detail, one per
/// list of field types, each calling one reading function per field type
/// (as [`FieldValueFns`](super::field_value::FieldValueFns) hands fields
/// over): the compiler resolves `ReadFromStr` once a type and the generic
/// `read_detail` once a list of types, not once a variant, whose arm is a
/// call of a plain function. Measured on the 1,000-variant crate: with the
/// generic call in every arm, 4,103 M instructions against 2,783 M before
/// the reader. A type that cannot be named outside the impl reads in its
/// arm, through a closure.
struct ReadFns<'a> {
    private: &'a TokenStream,
    krate: &'a syn::Path,
    generics: GenericNames,
    /// The field types that have a reading function, as their tokens print.
    types: Vec<String>,
    /// The lists of types that have a function, by their types' indices.
    lists: Vec<Vec<usize>>,
    /// Whether the derived type can be named outside the impl (it has no
    /// generic parameters), as the lists' functions name it.
    type_nameable: bool,
    defs: TokenStream,
}

impl ReadFns<'_> {
    /// The index of the reading function of `field`'s type, written on first
    /// use; `None` for a type that cannot be named outside the impl.
    fn reader(&mut self, field: &Field) -> Option<usize> {
        let ty = field.ty;
        let tokens = ty.to_token_stream();
        if !self.generics.nameable_outside_impl(tokens.clone()) {
            return None;
        }
        let key = tokens.to_string();
        if let Some(index) = self.types.iter().position(|known| *known == key) {
            return Some(index);
        }
        let index = self.types.len();
        let function = format_ident!("__skms_read_{}", index);
        let private = self.private;
        let text = local("__text");
        self.defs.extend(quote! {
            fn #function(#text: &::core::primitive::str) -> #private::FieldRead<#ty> {
                #[allow(unused_imports)]
                use #private::{ReadFromStr as _, ReadNothing as _};
                (&#private::ParseDetail::<#ty>::NEW).read_field(#text)
            }
        });
        self.types.push(key);
        Some(index)
    }

    /// The arm's expression that reads `fields` from the body for the
    /// entry `index` and builds the variant with `build` (a closure from
    /// the tuple of values): `return __skms_read_list_N(index, body, uses,
    /// build)`, or, for a type with generic parameters or a field type that
    /// cannot be named outside the impl, the generic call itself.
    fn read(
        &mut self,
        ty: &syn::Ident,
        fields: &[&Field],
        index: &Literal,
        uses: &TokenStream,
        build: &TokenStream,
    ) -> TokenStream {
        let private = self.private;
        let readers: Option<Vec<usize>> = if self.type_nameable {
            fields.iter().map(|field| self.reader(field)).collect()
        } else {
            None
        };
        let Some(readers) = readers else {
            let text = local("__text");
            let closures = fields.iter().map(|field| {
                let ty = field.ty;
                quote_spanned! {field.span()=>
                    |#text: &::core::primitive::str| (&#private::ParseDetail::<#ty>::NEW).read_field(#text)
                }
            });
            return quote! {
                return #private::read_detail(&__SKMS_ENTRIES[#index], __body, #uses, (#(#closures,)*)).map(#build)
            };
        };
        let list = match self.lists.iter().position(|known| *known == readers) {
            Some(list) => list,
            None => {
                let list = self.lists.len();
                let function = format_ident!("__skms_read_list_{}", list);
                let krate = self.krate;
                let types = fields.iter().map(|field| field.ty);
                let functions = readers
                    .iter()
                    .map(|reader| format_ident!("__skms_read_{}", reader));
                let (entry, body, uses, build) = (
                    local("__entry"),
                    local("__body"),
                    local("__uses"),
                    local("__build"),
                );
                self.defs.extend(quote! {
                    fn #function(
                        #entry: ::core::primitive::usize,
                        #body: &#krate::ErrorBody<'_>,
                        #uses: &[::core::primitive::u8],
                        #build: fn((#(#types,)*)) -> #ty,
                    ) -> ::core::option::Option<#ty> {
                        #private::read_detail(&__SKMS_ENTRIES[#entry], #body, #uses, (#(#functions,)*)).map(#build)
                    }
                });
                self.lists.push(readers);
                list
            }
        };
        let function = format_ident!("__skms_read_list_{}", list);
        quote!(return #function(#index, __body, #uses, #build))
    }
}

/// `impl FromBody`: a body becomes the variant of its code when that variant
/// can be rebuilt from a body ([`Rebuild`]: a variant without fields; one
/// whose only field is marked `#[skms(detail)]`; one whose fields all appear
/// in its detail, read back by skms-core's detail reader), else through a
/// transparent variant whose field's type rebuilds it. Own codes come
/// first: a body with an own code that cannot be rebuilt is `None`, never
/// another variant's. Also the functions that read fields, for the `const
/// _` block.
pub(crate) fn from_body_impl(
    input: &Input,
    plan: &Plan,
    plain_details: &[Option<PlainDetail>],
    private: &TokenStream,
    krate: &syn::Path,
    bounds: &Bounds,
) -> TokenStream {
    let mut read_fns = ReadFns {
        private,
        krate,
        generics: GenericNames::new(&input.original.generics),
        types: Vec::new(),
        lists: Vec::new(),
        type_nameable: input.original.generics.params.is_empty(),
        defs: TokenStream::new(),
    };
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
    for ((variant, kind), plain) in plan.variants.iter().zip(plain_details) {
        let path = path_of(variant.ident);
        match kind {
            Kind::Own { index, entry } => {
                any_own = true;
                let literal = Literal::usize_unsuffixed(*index);
                match rebuild_of(variant, entry, plain.as_ref()) {
                    Rebuild::Always => rebuildable.push(quote! {
                        #literal => #path {},
                    }),
                    Rebuild::Marked(field) => {
                        let member = &field.member;
                        let field_ty = field.ty;
                        rebuildable.push(quote! {
                            #literal => match (&#private::ParseDetail::<#field_ty>::NEW).parse(__body) {
                                ::core::option::Option::Some(__detail) => #path { #member: __detail },
                                ::core::option::Option::None => return ::core::option::Option::None,
                            },
                        });
                    }
                    Rebuild::Read { fields, uses } => {
                        let values: Vec<Ident> = (0..fields.len())
                            .map(|position| local(&format!("__skms_value_{position}")))
                            .collect();
                        let members = fields.iter().map(|field| &field.member);
                        let uses = uses
                            .iter()
                            .map(|&position| Literal::usize_unsuffixed(position));
                        // The variant is built in a closure, the values moved
                        // in there: the arm holds no value to drop, which in
                        // a function of a thousand arms costs the compiler's
                        // analyses of moves and drops.
                        let build = quote!(|(#(#values,)*)| #path { #(#members: #values),* });
                        let read =
                            read_fns.read(ty, fields, &literal, &quote!(&[#(#uses),*]), &build);
                        rebuildable.push(quote! {
                            #literal => #read,
                        });
                    }
                    Rebuild::Never => {}
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
    let read_fns = read_fns.defs;
    quote! {
        #read_fns

        #[automatically_derived]
        impl #impl_generics #krate::FromBody for #ty #ty_generics #where_clause {
            // Unreachable: the `Some` around the match of own codes, when
            // every arm returns (variants all read from their details).
            #[allow(unused_imports, unreachable_code)]
            fn from_body(__body: &#krate::ErrorBody<'_>) -> ::core::option::Option<Self> {
                use #private::{ParseFromStr as _, ParseNothing as _, ReadFromStr as _, ReadNothing as _, RebuildFromBody as _, RebuildNothing as _};
                #body
            }
        }
    }
}
