//! The model of the input: the type, its variants and their fields, each with
//! its parsed `#[skms(...)]` and the syn node it came from, for spans.

use proc_macro2::Span;
use syn::{Data, DeriveInput, Fields, Ident, Member, Type};

use crate::attr::Attrs;
use crate::ctxt::Ctxt;
use crate::keys::{self, Place};

pub(crate) struct Input<'a> {
    pub(crate) original: &'a DeriveInput,
    pub(crate) attrs: Attrs,
    pub(crate) shape: Shape<'a>,
    /// `#[from]` written on the type itself, where it does not belong.
    pub(crate) misplaced_from: Vec<&'a syn::Attribute>,
}

/// A struct is one variant whose attributes are the type's.
// One per input, so the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Shape<'a> {
    Enum(Vec<Variant<'a>>),
    Struct(Variant<'a>),
}

pub(crate) struct Variant<'a> {
    /// The variant's name, or the struct's.
    pub(crate) ident: &'a Ident,
    /// The variant's own `#[skms(...)]`; for a struct, empty: its keys are in
    /// `Input::attrs`.
    pub(crate) attrs: Attrs,
    pub(crate) fields: Vec<Field<'a>>,
    /// `#[from]` written on the variant itself, where it does not belong;
    /// for a struct, empty (they are the type's).
    pub(crate) misplaced_from: Vec<&'a syn::Attribute>,
}

pub(crate) struct Field<'a> {
    pub(crate) original: &'a syn::Field,
    pub(crate) member: Member,
    pub(crate) ty: &'a Type,
    /// `#[skms(detail)]` on the field: the detail is the field, and a decoder
    /// can rebuild the field from a body's detail.
    pub(crate) detail_marker: Option<syn::Ident>,
    /// Every `#[from]` on the field (thiserror's attribute, which the derive
    /// declares too): the type converts from the field's, and the field is
    /// the source. More than one is a mistake, reported by `valid.rs`.
    pub(crate) from: Vec<&'a syn::Attribute>,
}

impl<'a> Input<'a> {
    /// The model of `node`, or `None` (with the error recorded) for a union.
    pub(crate) fn from_syn(cx: &Ctxt, node: &'a DeriveInput) -> Option<Self> {
        let place = match node.data {
            Data::Enum(_) => Place::Enum,
            Data::Struct(_) | Data::Union(_) => Place::Struct,
        };
        cx.set_section(0);
        let attrs = Attrs::parse(cx, &node.attrs, place);
        let shape = match &node.data {
            Data::Enum(data) => {
                let mut variants = Vec::with_capacity(data.variants.len());
                let mut section = 0;
                for variant in &data.variants {
                    section += 1;
                    cx.set_section(section);
                    variants.push(Variant {
                        ident: &variant.ident,
                        attrs: Attrs::parse(cx, &variant.attrs, Place::Variant),
                        fields: Field::multiple_from_syn(cx, &variant.fields),
                        misplaced_from: from_attrs(&variant.attrs),
                    });
                }
                Shape::Enum(variants)
            }
            Data::Struct(data) => Shape::Struct(Variant {
                ident: &node.ident,
                attrs: Attrs::default(),
                fields: Field::multiple_from_syn(cx, &data.fields),
                misplaced_from: Vec::new(),
            }),
            Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "#[derive(SkmsError)] does not support unions; use an enum with one variant per code",
                );
                return None;
            }
        };
        Some(Input {
            original: node,
            attrs,
            shape,
            misplaced_from: from_attrs(&node.attrs),
        })
    }

    /// Whether the input is a struct (its one entry on the type), not an
    /// enum.
    pub(crate) fn is_struct(&self) -> bool {
        matches!(self.shape, Shape::Struct(_))
    }

    pub(crate) fn variants(&self) -> &[Variant<'a>] {
        match &self.shape {
            Shape::Enum(variants) => variants,
            Shape::Struct(variant) => std::slice::from_ref(variant),
        }
    }

    /// The attributes that hold a variant's keys: its own, or for a struct the
    /// type's.
    pub(crate) fn keys_of<'s>(&'s self, variant: &'s Variant<'a>) -> &'s Attrs {
        match self.shape {
            Shape::Enum(_) => &variant.attrs,
            Shape::Struct(_) => &self.attrs,
        }
    }
}

/// The `#[from]` attributes among `attrs`, as written (whatever follows
/// the name: `valid.rs` reports arguments).
fn from_attrs(attrs: &[syn::Attribute]) -> Vec<&syn::Attribute> {
    let mut from = Vec::new();
    for attr in attrs {
        if attr.path().is_ident("from") {
            from.push(attr);
        }
    }
    from
}

/// `#[skms(detail)]` on a field, the one key a field takes.
fn detail_marker(cx: &Ctxt, attrs: &[syn::Attribute]) -> Option<syn::Ident> {
    let mut marker = None;
    for attr in attrs {
        if !attr.path().is_ident("skms") {
            continue;
        }
        let parsed = attr.parse_nested_meta(|meta| {
            let field_key = keys::KEYS
                .iter()
                .any(|key| key.allowed(Place::Field) && meta.path.is_ident(key.name));
            if meta.path.is_ident("from") {
                // from
                cx.error_spanned_by(
                    &meta.path,
                    "`from` is an attribute of its own, as in thiserror: write #[from] on the field, not #[skms(from)]",
                );
            } else if field_key && !meta.input.peek(syn::Token![=]) {
                // detail
                let ident = meta.path.segments[0].ident.clone();
                if marker.is_some() {
                    cx.error_spanned_by(&ident, "duplicate `detail` on this field; keep one");
                } else {
                    marker = Some(ident);
                }
            } else {
                cx.error_spanned_by(
                    &meta.path,
                    "a field takes only #[skms(detail)], which makes the field the detail; the other keys go on the variant",
                );
            }
            // The value of a key that does not belong, skipped whole (the
            // marker has none).
            if meta.input.peek(syn::Token![=]) {
                let value = meta.value()?;
                while !value.is_empty() && !value.peek(syn::Token![,]) {
                    value.parse::<proc_macro2::TokenTree>()?;
                }
            }
            Ok(())
        });
        if let Err(error) = parsed {
            cx.syn_error(error);
        }
    }
    marker
}

impl<'a> Field<'a> {
    fn multiple_from_syn(cx: &Ctxt, fields: &'a Fields) -> Vec<Self> {
        let mut list = Vec::with_capacity(fields.len());
        for (index, field) in fields.iter().enumerate() {
            list.push(Field {
                original: field,
                detail_marker: detail_marker(cx, &field.attrs),
                from: from_attrs(&field.attrs),
                member: match &field.ident {
                    Some(ident) => Member::Named(ident.clone()),
                    None => Member::Unnamed(syn::Index {
                        index: u32::try_from(index).unwrap_or(u32::MAX),
                        span: Span::call_site(),
                    }),
                },
                ty: &field.ty,
            });
        }
        list
    }

    /// How a detail string names the field: `key_id` or `0`.
    pub(crate) fn name(&self) -> String {
        match &self.member {
            Member::Named(ident) => {
                let name = ident.to_string();
                name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
            }
            Member::Unnamed(index) => index.index.to_string(),
        }
    }

    /// The span of the field, for errors about its type.
    pub(crate) fn span(&self) -> Span {
        match &self.original.ident {
            Some(ident) => ident.span(),
            None => syn::spanned::Spanned::span(&self.original.ty),
        }
    }
}
