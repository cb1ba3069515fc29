//! `impl FromBody`: the variant that an error body stands for; and which
//! variants are rebuilt from a body ([`Rebuild`]), which their entries say.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};

use super::generics::{Bounds, GenericNames};
use super::names::{local, VariantPath};
use super::plain::PlainDetail;
use crate::ast::{Field, Input, Variant};
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
/// A field whose type names a type parameter of the type (or `Self`) is
/// never read: its `FromStr` is not known inside the generic impl, so the
/// variant is `Never`, and its entry says so.
pub(crate) fn rebuild_of<'a>(
    variant: &'a Variant<'a>,
    entry: &'a OwnEntry<'a>,
    plain: Option<&'a PlainDetail>,
    generics: &GenericNames,
) -> Rebuild<'a> {
    for field in &variant.fields {
        if generics.names_type_param(field.ty) {
            return Rebuild::Never;
        }
    }
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

/// The variants read back from their details, grouped by the list of their
/// field types (and how the detail uses them): one function for each list,
/// `Self::__skms_read_list_N(index, body)`, reads the values once and
/// builds the variant of the entry `index` from them in a match whose arms
/// only move the values, and `from_body` reaches it with one arm for all
/// the list's entries. Each field type reads through one function,
/// `__skms_read_N`, in which the compiler resolves `ReadFromStr` once a type
/// (as [`FieldValueFns`](super::field_value::FieldValueFns) hands fields
/// over). Measured on the 1,000-variant crate, a call in an arm of
/// `from_body` for each variant cost 1,300 M instructions more (4,085 M
/// against 2,783 M), a closure in each arm more still (4,292 M).
struct ReadLists<'a> {
    private: &'a TokenStream,
    krate: &'a syn::Path,
    generics: GenericNames,
    /// The field types that have a reading function, as their tokens print.
    types: Vec<String>,
    /// The reading functions, written at the `const _` block's level.
    defs: TokenStream,
    lists: Vec<ReadList>,
    /// `__skms_value_0`...: the values of a list, made once.
    values: Vec<Ident>,
}

struct ReadList {
    /// The readers of the field types, and the uses when not the identity.
    key: Vec<usize>,
    /// The list's function.
    function: TokenStream,
    /// The indices of the list's entries, for the arm of `from_body`.
    indices: Vec<Literal>,
    /// The arms of the match that builds the variant of an entry.
    arms: TokenStream,
}

impl ReadLists<'_> {
    /// The reader of `field`'s type: the index of its function, written on
    /// first use; `Err` with a closure for a type that cannot be named
    /// outside the impl.
    fn reader(&mut self, field: &Field) -> Result<usize, TokenStream> {
        let ty = field.ty;
        let private = self.private;
        let text = local("__text");
        let tokens = ty.to_token_stream();
        if !self.generics.nameable_outside_impl(tokens.clone()) {
            return Err(quote_spanned! {field.span()=>
                |#text: &::core::primitive::str| (&#private::ParseDetail::<#ty>::NEW).read_field(#text)
            });
        }
        let key = tokens.to_string();
        if let Some(index) = super::field_value::position_of(&self.types, &key) {
            return Ok(index);
        }
        let index = self.types.len();
        let function = format_ident!("__skms_read_{}", index);
        self.defs.extend(quote! {
            fn #function(#text: &::core::primitive::str) -> #private::FieldRead<#ty> {
                #[allow(unused_imports)]
                use #private::{ReadFromStr as _, ReadNothing as _};
                (&#private::ParseDetail::<#ty>::NEW).read_field(#text)
            }
        });
        self.types.push(key);
        Ok(index)
    }

    /// Adds the variant at `path`, of the entry `index`, whose `fields` the
    /// detail writes as `uses` says, to its list.
    fn add(&mut self, path: &VariantPath, index: Literal, fields: &[&Field], uses: &[usize]) {
        // The list's key: its readers, and how the detail uses the fields
        // when not each once in order (the reader's identity uses). The
        // types are printed once each, by `reader`: printing is what a
        // derive pays for most.
        let mut identity = true;
        for (position, &use_) in uses.iter().enumerate() {
            identity &= use_ == position;
        }
        let mut readers = Vec::with_capacity(fields.len());
        let mut key = Vec::with_capacity(fields.len() + uses.len() + 1);
        for field in fields {
            match self.reader(field) {
                Ok(reader) => {
                    key.push(reader);
                    readers.push(format_ident!("__skms_read_{}", reader).into_token_stream());
                }
                Err(closure) => {
                    // Never shared: a list of its own.
                    key.push(usize::MAX - self.lists.len());
                    readers.push(closure);
                }
            }
        }
        if !identity {
            key.push(usize::MAX);
            key.extend(uses);
        }
        for position in self.values.len()..fields.len() {
            self.values.push(local(&format!("__skms_value_{position}")));
        }
        let values = &self.values[..fields.len()];
        let mut members: Vec<&syn::Member> = Vec::with_capacity(fields.len());
        for field in fields {
            members.push(&field.member);
        }
        let arm = quote!(#index => #path { #(#members: #values),* },);
        for list in &mut self.lists {
            if list.key == key {
                list.indices.push(index);
                list.arms.extend(arm);
                return;
            }
        }
        let private = self.private;
        let function = format_ident!("__skms_read_list_{}", self.lists.len());
        let uses = if identity {
            quote!(#private::IDENTITY_USES)
        } else {
            let mut list = TokenStream::new();
            for &use_ in uses {
                if !list.is_empty() {
                    list.extend(quote!(,));
                }
                list.extend(Some(proc_macro2::TokenTree::Literal(
                    Literal::usize_unsuffixed(use_),
                )));
            }
            quote!(&[#list])
        };
        let (entry, body) = (local("__index"), local("__body"));
        let krate = self.krate;
        let function_tokens = quote! {
            fn #function(
                #entry: ::core::primitive::usize,
                #body: &#krate::ErrorBody<'_>,
            ) -> ::core::option::Option<Self> {
                #[allow(unused_imports)]
                use #private::{ReadFromStr as _, ReadNothing as _};
                let (#(#values,)*) = #private::read_detail(&__SKMS_ENTRIES[#entry], #body, #uses, (#(#readers,)*))?;
                ::core::option::Option::Some(match #entry {
                    ARMS
                    _ => return ::core::option::Option::None,
                })
            }
        };
        self.lists.push(ReadList {
            key,
            function: function_tokens,
            indices: vec![index],
            arms: arm,
        });
    }

    /// The arms of `from_body` that reach the lists, and the lists'
    /// functions, for an inherent impl.
    fn finish(self) -> (TokenStream, TokenStream, TokenStream) {
        let mut arms = TokenStream::new();
        let mut functions = TokenStream::new();
        for (number, list) in self.lists.into_iter().enumerate() {
            let function = format_ident!("__skms_read_list_{}", number);
            let indices = &list.indices;
            arms.extend(quote! {
                #(#indices)|* => return Self::#function(__index, __body),
            });
            functions.extend(replace_arms(list.function, &list.arms));
        }
        (arms, functions, self.defs)
    }
}

/// `tokens` with the identifier `ARMS` (in a group, at any depth) replaced
/// by `arms`: the list's function is written when its first variant is
/// seen, its match filled when all are.
fn replace_arms(tokens: TokenStream, arms: &TokenStream) -> TokenStream {
    let mut replaced = TokenStream::new();
    for tree in tokens {
        match tree {
            proc_macro2::TokenTree::Ident(ident) if ident == "ARMS" => {
                replaced.extend(arms.clone());
            }
            proc_macro2::TokenTree::Group(group) => {
                let mut new =
                    proc_macro2::Group::new(group.delimiter(), replace_arms(group.stream(), arms));
                new.set_span(group.span());
                replaced.extend(Some(proc_macro2::TokenTree::Group(new)));
            }
            other => replaced.extend(Some(other)),
        }
    }
    replaced
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
    let mut read_lists = ReadLists {
        private,
        krate,
        generics: GenericNames::new(&input.original.generics),
        types: Vec::new(),
        defs: TokenStream::new(),
        lists: Vec::new(),
        values: Vec::new(),
    };
    let ty = &input.original.ident;
    let (impl_generics, ty_generics, _) = input.original.generics.split_for_impl();
    let where_clause = bounds.where_clause(&bounds.added_for_from_body);
    let is_struct = input.is_struct();
    let path_of = |variant| VariantPath {
        ty,
        variant: (!is_struct).then_some(variant),
    };
    // The arms of the variants that can be rebuilt, by entry index: each
    // written whole by one `quote!`, and collected into one stream at once.
    let mut any_own = false;
    let mut rebuildable = Vec::new();
    let mut rebuilds = TokenStream::new();
    for ((variant, kind), plain) in plan.variants.iter().zip(plain_details) {
        let path = path_of(variant.ident);
        match kind {
            Kind::Own { index, entry } => {
                any_own = true;
                let literal = Literal::usize_unsuffixed(*index);
                match rebuild_of(variant, entry, plain.as_ref(), &read_lists.generics) {
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
                        read_lists.add(&path, literal, fields, uses);
                    }
                    Rebuild::Never => {}
                }
            }
            Kind::Transparent { field } => {
                let member = &field.member;
                let field_ty = field.ty;
                rebuilds.extend(quote! {
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
    let (list_arms, list_functions, read_fns) = read_lists.finish();
    let own = if !any_own {
        TokenStream::new()
    } else if rebuildable.is_empty() && list_arms.is_empty() {
        quote! {
            if __SKMS_BY_HASH.index(__body.code).is_some() {
                return ::core::option::Option::None;
            }
        }
    } else {
        let rebuildable = super::concat(rebuildable);
        quote! {
            if let ::core::option::Option::Some(__index) = __SKMS_BY_HASH.index(__body.code) {
                return ::core::option::Option::Some(match __index {
                    #rebuildable
                    #list_arms
                    _ => return ::core::option::Option::None,
                });
            }
        }
    };
    let body = quote! {
        #own
        #rebuilds
        ::core::option::Option::None
    };
    // The lists' functions name `Self` and the type's generics: in an
    // inherent impl, which `#[automatically_derived]` is not for.
    let list_impl = (!list_functions.is_empty()).then(|| {
        quote! {
            impl #impl_generics #ty #ty_generics #where_clause {
                #list_functions
            }
        }
    });
    quote! {
        #read_fns
        #list_impl

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
