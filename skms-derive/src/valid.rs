//! Every semantic rule of the derive. The output is a `Plan` that expansion
//! turns into code without any further check: whatever can be wrong with the
//! input is found here, and all of it is reported at once.
//!
//! One concern, the rules: each check, its message and its span, and the
//! plan they leave for expansion.

use proc_macro2::Span;
use syn::{Ident, Member, Path};

use crate::ast::{Field, Input, Shape, Variant};
use crate::attr::Attrs;
use crate::ctxt::Ctxt;
use crate::fmt::{self, DetailFormat, FieldRef, FmtTrait, Segment, Spec};
use crate::keys::{self, join, Key, Place, Sym};

pub(crate) struct Plan<'a> {
    /// The path of skms-core in generated code.
    pub(crate) krate: Path,
    /// Whether to implement `Display` and `std::error::Error`.
    pub(crate) std_error: bool,
    /// One per variant, in declaration order.
    pub(crate) variants: Vec<(&'a Variant<'a>, Kind<'a>)>,
    /// The codes the type reserves, `(low, high, reason)`, as written.
    pub(crate) reserved: Vec<(u32, u32, Option<String>)>,
    /// The range of the type's own codes.
    pub(crate) range: Option<(u32, u32)>,
    /// The conversions that `#[from]` asks for, in declaration order; none
    /// under `std_error = false`, where `#[from]` is the other derive's.
    pub(crate) from: Vec<FromField<'a>>,
}

/// `#[from]` on the one field of a variant: `impl From<field's type>` for
/// the type, building the variant; the field is the variant's source.
pub(crate) struct FromField<'a> {
    pub(crate) variant: &'a Variant<'a>,
    pub(crate) field: &'a Field<'a>,
    /// Whether the variant is transparent (its source is its field's), or
    /// has an entry of its own (its source is the field).
    pub(crate) transparent: bool,
    /// The `#[from]` attribute, where the impl is spanned.
    pub(crate) attr: &'a syn::Attribute,
}

pub(crate) enum Kind<'a> {
    /// A variant with an entry of its own, at `index` in the type's table.
    Own { index: usize, entry: OwnEntry<'a> },
    /// A variant that forwards everything to its one field.
    Transparent { field: &'a Field<'a> },
}

pub(crate) struct OwnEntry<'a> {
    pub(crate) code: u32,
    /// The span of the code literal, where a failed reuse is reported.
    pub(crate) code_span: proc_macro2::Span,
    /// The status and message, or `None` when the variant reuses the
    /// standard catalog's (`#[skms(code = 40013)]` alone).
    pub(crate) status_and_message: Option<(u16, String)>,
    pub(crate) description: Option<String>,
    pub(crate) doc: Option<String>,
    pub(crate) detail: Option<DetailPlan<'a>>,
    /// `Some(true)` when marked public, `Some(false)` internal, from the
    /// variant or else the enum.
    pub(crate) exposure: Option<bool>,
    /// The gRPC code chosen with `grpc = "..."`, as its value on the wire.
    pub(crate) grpc: Option<u8>,
    /// The note of `deprecated = "..."` (empty for `deprecated` alone).
    pub(crate) deprecated: Option<String>,
}

/// A variant's detail, resolved against its fields: what expansion writes.
pub(crate) enum DetailPlan<'a> {
    /// A detail that names no field: the text, braces unescaped.
    Static(String),
    /// A detail formatted from fields.
    Formatted {
        /// The fields the detail names, each once, in order of first use:
        /// what the generated match binds.
        fields: Vec<&'a Field<'a>>,
        /// The segments, each field referred to by its position in `fields`.
        format: DetailFormat<usize>,
        /// The user's literal (or the `#[skms(detail)]` that stands for
        /// it), where the `core::write!` string is spanned.
        span: Span,
        /// The detail as the user wrote it (`keyId : {key_id}`), kept in
        /// the entry for the documents that show it (the examples of the
        /// utoipa integration).
        template: String,
    },
}

impl<'a> DetailPlan<'a> {
    /// Each use of a field with the trait it asks, in the order `format!`
    /// reads them; none for a static detail.
    pub(crate) fn uses(&self) -> Vec<(&'a Field<'a>, FmtTrait)> {
        let mut uses = Vec::new();
        if let DetailPlan::Formatted { fields, format, .. } = self {
            for (&position, fmt_trait) in format.uses() {
                uses.push((fields[position], fmt_trait));
            }
        }
        uses
    }
}

/// Checks `input`, recording every error in `cx`; the plan is for expansion
/// only when `cx` holds no error.
pub(crate) fn check<'a>(cx: &Ctxt, input: &'a Input<'a>) -> Plan<'a> {
    check_container(cx, input);
    check_reserved(cx, input);
    let std_error = input.attrs.std_error();
    check_from_placement(cx, input, std_error);
    let mut variants = Vec::new();
    let mut from = Vec::new();
    let mut from_types: Vec<(String, &Ident)> = Vec::new();
    // Each code with the variant that took it first.
    let mut codes: Vec<(u32, &Ident)> = Vec::new();
    let mut own_entries = 0;
    let mut section = 0;
    for variant in input.variants() {
        section += 1;
        cx.set_section(section);
        let attrs = input.keys_of(variant);
        if std_error {
            let transparent = attrs.transparent.is_some();
            if let Some(field) = check_from(cx, input, variant, transparent, &mut from_types) {
                from.push(field);
            }
        }
        if let Shape::Enum(_) = input.shape {
            for key in misplaced(&variant.attrs, |key| !key.allowed(Place::Variant)) {
                cx.error_spanned_by(key, format!("`{key}` goes on the enum, not on a variant"));
            }
        }
        // Checked on the code alone, so that a duplicate is reported even
        // when something else about the variant is wrong too.
        if let (Some(code), None) = (&attrs.code, &attrs.transparent) {
            if let Some((_, first)) = codes.iter().find(|(taken, _)| *taken == code.value) {
                cx.syn_error(syn::Error::new(
                    code.value_span,
                    format!(
                        "duplicate code {}; first used by `{first}`; a code means one thing within a type",
                        code.value
                    ),
                ));
            } else {
                codes.push((code.value, variant.ident));
            }
        }
        let Some(kind) = check_variant(cx, input, variant, attrs, own_entries) else {
            continue;
        };
        if let Kind::Own { .. } = kind {
            own_entries += 1;
        }
        variants.push((variant, kind));
    }
    let mut reserved = Vec::new();
    for codes in &input.attrs.reserved {
        reserved.push((codes.low, codes.high, codes.reason.clone()));
    }
    Plan {
        krate: input.attrs.krate(),
        std_error,
        from,
        variants,
        reserved,
        range: input.attrs.range.as_ref().map(|range| range.value),
    }
}

/// `#[from]` stands on a field. Under `std_error = false` it is the
/// derive's that writes `Error` (thiserror's, which reads and checks it, and
/// writes `From`): none of it is checked here, but a type with `#[from]`
/// and no `#[error(...)]` anywhere has no derive to read it, which would
/// leave `?` without its conversion and nothing said.
fn check_from_placement(cx: &Ctxt, input: &Input, std_error: bool) {
    cx.set_section(0);
    let what = match input.shape {
        Shape::Enum(_) => "an enum",
        Shape::Struct(_) => "a struct",
    };
    if !std_error {
        if let (Some(first), false) = (first_from(input), has_error_attr(input.original)) {
            cx.error_spanned_by(
                first,
                "#[from] is left to the derive that writes `Error` under `std_error = false` (thiserror's), and this type has no #[error(...)]; remove `std_error = false` to have #[derive(SkmsError)] write `From`, or derive thiserror::Error",
            );
        }
        return;
    }
    for attr in &input.misplaced_from {
        cx.error_spanned_by(
            attr,
            format!("#[from] goes on a field, the one that a variant holds and converts from; not on {what}"),
        );
    }
    let mut section = 0;
    for variant in input.variants() {
        section += 1;
        cx.set_section(section);
        for attr in &variant.misplaced_from {
            cx.error_spanned_by(
                attr,
                format!(
                    "#[from] goes on a field, the one that `{}` holds and converts from; not on the variant",
                    variant.ident
                ),
            );
        }
    }
    cx.set_section(0);
}

/// The first `#[from]` written in `input`, wherever it stands.
fn first_from<'a>(input: &Input<'a>) -> Option<&'a syn::Attribute> {
    if let Some(attr) = input.misplaced_from.first() {
        return Some(attr);
    }
    for variant in input.variants() {
        if let Some(attr) = variant.misplaced_from.first() {
            return Some(attr);
        }
        for field in &variant.fields {
            if let Some(attr) = field.from.first() {
                return Some(attr);
            }
        }
    }
    None
}

/// A type's tokens as a user writes them: `std::io::Error`, not
/// `std :: io :: Error`.
fn type_text(tokens: &str) -> String {
    // No space after a word that ends with one of these, nor before one
    // that starts with one of those.
    const OPENS: &[char] = &[':', '<', '(', '[', '&', '\''];
    const CLOSES: &[char] = &[':', '<', '>', ')', ']', ',', ';'];
    let mut text = String::new();
    for word in tokens.split(' ') {
        if !text.is_empty() && !text.ends_with(OPENS) && !word.starts_with(CLOSES) {
            text.push(' ');
        }
        text.push_str(word);
    }
    text
}

/// Whether `#[error(...)]` stands on the type or on one of its variants.
fn has_error_attr(node: &syn::DeriveInput) -> bool {
    if any_error_attr(&node.attrs) {
        return true;
    }
    if let syn::Data::Enum(data) = &node.data {
        for variant in &data.variants {
            if any_error_attr(&variant.attrs) {
                return true;
            }
        }
    }
    false
}

/// Whether `#[error(...)]` is among `attrs`.
fn any_error_attr(attrs: &[syn::Attribute]) -> bool {
    for attr in attrs {
        if attr.path().is_ident("error") {
            return true;
        }
    }
    false
}

/// The conversion that `#[from]` asks of `variant`, if it is right: on its
/// one field, once, and from a type that no other variant converts from
/// (`from_types`, each type as written, with the first variant that took
/// it).
fn check_from<'a>(
    cx: &Ctxt,
    input: &Input,
    variant: &'a Variant<'a>,
    transparent: bool,
    from_types: &mut Vec<(String, &'a Ident)>,
) -> Option<FromField<'a>> {
    let what = match input.shape {
        Shape::Enum(_) => "variant",
        Shape::Struct(_) => "struct",
    };
    let mut marked = Vec::new();
    for field in &variant.fields {
        if let Some((attr, extras)) = field.from.split_first() {
            for extra in extras {
                cx.error_spanned_by(extra, "duplicate #[from] on this field; keep one");
            }
            marked.push((field, *attr));
        }
    }
    for (_, attr) in marked.get(1..).unwrap_or_default() {
        cx.error_spanned_by(
            attr,
            format!(
                "`{}` has two fields marked #[from]; a {what} converts from one type, the one field it holds",
                variant.ident
            ),
        );
    }
    let &(field, attr) = marked.first()?;
    let mut ok = marked.len() == 1;
    if !matches!(attr.meta, syn::Meta::Path(_)) {
        cx.error_spanned_by(attr, "#[from] takes no arguments: write #[from]");
        ok = false;
    }
    if ok && variant.fields.len() != 1 {
        cx.error_spanned_by(
            attr,
            format!(
                "#[from] needs a {what} with one field, the one it converts from; `{}` has {} fields, which `From` would have no value for",
                variant.ident,
                variant.fields.len()
            ),
        );
        ok = false;
    }
    let ty = quote::ToTokens::to_token_stream(field.ty).to_string();
    if let Some((_, first)) = from_types.iter().find(|(taken, _)| *taken == ty) {
        cx.error_spanned_by(
            attr,
            format!(
                "cannot derive `From<{}>` for `{}` twice: `{first}` converts from that type already; keep #[from] on one variant",
                type_text(&ty),
                input.original.ident
            ),
        );
        ok = false;
    } else {
        from_types.push((ty, variant.ident));
    }
    ok.then_some(FromField {
        variant,
        field,
        transparent,
        attr,
    })
}

/// A code is reserved once: two reservations of one type that share a code
/// are a mistake (a range typed wrong, or a code retired twice).
fn check_reserved(cx: &Ctxt, input: &Input) {
    let reserved = &input.attrs.reserved;
    for (position, codes) in reserved.iter().enumerate() {
        // The first earlier reservation it overlaps, if any.
        for earlier in &reserved[..position] {
            if earlier.low <= codes.high && codes.low <= earlier.high {
                cx.syn_error(syn::Error::new(
                    codes.span,
                    format!(
                        "{} reserved twice in `{}`: {} {}, reserved before; reserve each code once",
                        codes_text(codes.low, codes.high),
                        input.original.ident,
                        if codes.low == codes.high {
                            "it overlaps"
                        } else {
                            "they overlap"
                        },
                        range_text(earlier.low, earlier.high),
                    ),
                ));
                break;
            }
        }
    }
}

/// `40106`, or `40106..=40109`.
fn range_text(low: u32, high: u32) -> String {
    if low == high {
        low.to_string()
    } else {
        format!("{low}..={high}")
    }
}

/// `code 40106 is`, or `codes 40106..=40109 are`.
fn codes_text(low: u32, high: u32) -> String {
    if low == high {
        format!("code {low} is")
    } else {
        format!("codes {low}..={high} are")
    }
}

/// On an enum, only the type's own keys may stand on the enum.
fn check_container(cx: &Ctxt, input: &Input) {
    let Shape::Enum(_) = input.shape else {
        return;
    };
    for key in misplaced(&input.attrs, |key| !key.allowed(Place::Enum)) {
        cx.error_spanned_by(
            key,
            format!("`{key}` goes on each variant of an enum, not on the enum"),
        );
    }
}

fn check_variant<'a>(
    cx: &Ctxt,
    input: &Input,
    variant: &'a Variant<'a>,
    attrs: &Attrs,
    index: usize,
) -> Option<Kind<'a>> {
    let what = match input.shape {
        Shape::Enum(_) => "variant",
        Shape::Struct(_) => "struct",
    };
    let Some(first) = &attrs.first else {
        cx.error_spanned_by(
            variant.ident,
            format!(
                "{what} `{}` has no #[skms(...)]; give it #[skms(code = 40013, status = 400, msg = \"...\")] or #[skms(transparent)]",
                variant.ident
            ),
        );
        return None;
    };
    if let Some(transparent) = &attrs.transparent {
        return check_transparent(cx, variant, attrs, transparent, what);
    }
    if !attrs.key_present(Sym::Code) {
        cx.error_spanned_by(
            first,
            format!(
                "#[skms(...)] of `{}` lacks `code = ...`; every {what} needs a code, or #[skms(transparent)]",
                variant.ident,
            ),
        );
    }
    // `status` and `msg` come together, or neither: then both are the
    // standard catalog's for the code.
    match (attrs.key_present(Sym::Status), attrs.key_present(Sym::Msg)) {
        (true, false) => cx.error_spanned_by(
            first,
            format!(
                "#[skms(...)] of `{}` has `status` but lacks `msg = \"...\"`; give both, or neither to take them from the standard catalog",
                variant.ident
            ),
        ),
        (false, true) => cx.error_spanned_by(
            first,
            format!(
                "#[skms(...)] of `{}` has `msg` but lacks `status = ...`; give both, or neither to take them from the standard catalog",
                variant.ident
            ),
        ),
        _ => {}
    }
    let mut marked: Vec<&Field> = Vec::new();
    for field in &variant.fields {
        if field.detail_marker.is_some() {
            marked.push(field);
        }
    }
    for extra in marked.get(1..).unwrap_or_default() {
        cx.error_spanned_by(
            &extra.detail_marker,
            format!(
                "`{}` has two fields marked #[skms(detail)]; a detail is one field, or a `detail = \"...\"` format over several",
                variant.ident
            ),
        );
    }
    if let (Some(field), Some(detail)) = (marked.first(), &attrs.detail) {
        cx.error_spanned_by(
            &detail.key,
            format!(
                "`{}` has both `detail = \"...\"` and a field marked #[skms(detail)] (`{}`); keep one: a `detail = \"...\"` that names every field, without a spec, is read back from a body without the mark",
                variant.ident,
                field.name()
            ),
        );
    }
    let detail = match (marked.first(), &attrs.detail) {
        (_, Some(detail)) => check_detail(cx, variant, &detail.value, detail.value_span),
        (Some(field), None) => Some(marked_detail(field)),
        (None, None) => None,
    };
    let has_detail = attrs.detail.is_some() || !marked.is_empty();
    let code = attrs.code.as_ref()?;
    let status_and_message = match (&attrs.status, &attrs.msg) {
        (Some(status), Some(msg)) => Some((status.value, msg.value.clone())),
        (None, None) if !attrs.key_present(Sym::Status) && !attrs.key_present(Sym::Msg) => None,
        _ => return None,
    };
    if let (Some(range), Some(_)) = (&input.attrs.range, &status_and_message) {
        let (low, high) = range.value;
        if !(low..=high).contains(&code.value) {
            cx.syn_error(syn::Error::new(
                code.value_span,
                format!(
                    "code {} is outside the range {low}..={high} of `{}`; choose a code in the range, or reuse a standard code with #[skms(code = ...)] alone",
                    code.value, input.original.ident
                ),
            ));
        }
    }
    // The first reservation that holds the code, if any.
    for reserved in &input.attrs.reserved {
        if !(reserved.low..=reserved.high).contains(&code.value) {
            continue;
        }
        let reason = match &reserved.reason {
            Some(reason) => format!(" ({reason})"),
            None => String::new(),
        };
        cx.syn_error(syn::Error::new(
            code.value_span,
            format!(
                "code {} of `{}` is reserved in `{}`{reason}; a reserved code is never used again: give the {what} another code",
                code.value, variant.ident, input.original.ident,
            ),
        ));
        break;
    }
    if has_detail && detail.is_none() {
        return None;
    }
    Some(Kind::Own {
        index,
        entry: OwnEntry {
            code: code.value,
            code_span: code.value_span,
            status_and_message,
            description: attrs.description.as_ref().map(|d| d.value.clone()),
            doc: attrs.doc.as_ref().map(|d| d.value.clone()),
            detail,
            exposure: attrs
                .exposure
                .as_ref()
                .or(input.attrs.exposure.as_ref())
                .map(|keyed| keyed.value),
            grpc: attrs.grpc.as_ref().map(|keyed| keyed.value),
            deprecated: attrs.deprecated.as_ref().map(|keyed| keyed.value.clone()),
        },
    })
}

fn check_transparent<'a>(
    cx: &Ctxt,
    variant: &'a Variant<'a>,
    attrs: &Attrs,
    transparent: &Ident,
    what: &str,
) -> Option<Kind<'a>> {
    let mut ok = true;
    for key in misplaced(attrs, |key| !key.with_transparent()) {
        cx.error_spanned_by(
            key,
            format!("`{key}` cannot be combined with `transparent`: a transparent {what} takes everything from its field"),
        );
        ok = false;
    }
    for field in &variant.fields {
        if let Some(marker) = &field.detail_marker {
            cx.error_spanned_by(
                marker,
                format!("#[skms(detail)] cannot mark the field of a transparent {what}: its detail is the field's own"),
            );
            ok = false;
        }
    }
    if variant.fields.len() != 1 {
        cx.error_spanned_by(
            transparent,
            format!(
                "#[skms(transparent)] needs exactly one field, whose type implements SkmsError; `{}` has {}",
                variant.ident,
                match variant.fields.len() {
                    0 => "none".to_owned(),
                    n => n.to_string(),
                }
            ),
        );
        return None;
    }
    ok.then(|| Kind::Transparent {
        field: &variant.fields[0],
    })
}

/// The keys written in `attrs` that `misplaced` says do not belong, in the
/// order of the table of keys.
fn misplaced(attrs: &Attrs, misplaced: fn(&Key) -> bool) -> Vec<&Ident> {
    let mut keys = Vec::new();
    for key in keys::KEYS {
        if !misplaced(key) {
            continue;
        }
        if let Some(written) = attrs.key(key.sym) {
            keys.push(written);
        }
    }
    keys
}

/// Checks the detail string `text`, written at `span` (its literal), and
/// resolves the fields it names.
fn check_detail<'a>(
    cx: &Ctxt,
    variant: &'a Variant<'a>,
    text: &str,
    span: Span,
) -> Option<DetailPlan<'a>> {
    let parsed = match fmt::parse(text) {
        Ok(parsed) => parsed,
        Err(message) => {
            cx.syn_error(syn::Error::new(span, message));
            return None;
        }
    };
    if let Some(text) = parsed.static_text() {
        return Some(DetailPlan::Static(text));
    }
    let named = parsed.fields();
    let mut fields = Vec::new();
    let mut ok = true;
    for field_ref in &named {
        match find_field(variant, field_ref) {
            Some(field) => fields.push(field),
            None => {
                cx.syn_error(syn::Error::new(span, no_such_field(variant, field_ref)));
                ok = false;
            }
        }
    }
    if !ok {
        return None;
    }
    // Every field named is in `named`, at the position of its binding.
    let format = parsed.map(|field_ref| {
        named
            .iter()
            .position(|named| *named == field_ref)
            .unwrap_or_default()
    });
    Some(DetailPlan::Formatted {
        fields,
        format,
        span,
        template: text.to_owned(),
    })
}

/// The detail of a field marked `#[skms(detail)]`: the field, alone, with
/// no spec.
fn marked_detail<'a>(field: &'a Field<'a>) -> DetailPlan<'a> {
    let span = field
        .detail_marker
        .as_ref()
        .map_or_else(Span::call_site, Ident::span);
    DetailPlan::Formatted {
        fields: vec![field],
        format: DetailFormat {
            segments: vec![Segment::Field {
                field: 0,
                spec: Spec::none(),
            }],
        },
        span,
        template: format!("{{{}}}", field.name()),
    }
}

/// The field of `variant` that `field_ref` names.
fn find_field<'a>(variant: &'a Variant<'a>, field_ref: &FieldRef) -> Option<&'a Field<'a>> {
    for field in &variant.fields {
        let names_it = match (&field.member, field_ref) {
            (Member::Named(ident), FieldRef::Named(name)) => {
                let ident = ident.to_string();
                ident.strip_prefix("r#").unwrap_or(&ident) == name
            }
            (Member::Unnamed(index), FieldRef::Index(position)) => {
                usize::try_from(index.index).is_ok_and(|index| index == *position)
            }
            _ => false,
        };
        if names_it {
            return Some(field);
        }
    }
    None
}

fn no_such_field(variant: &Variant, field_ref: &FieldRef) -> String {
    let written = field_ref.written();
    let mut names = Vec::new();
    let mut listed = Vec::new();
    let (mut has_named, mut has_unnamed) = (false, false);
    for field in &variant.fields {
        let name = field.name();
        listed.push(format!("`{{{name}}}`"));
        names.push(name);
        if field.original.ident.is_some() {
            has_named = true;
        } else {
            has_unnamed = true;
        }
    }
    let fields = match names.len() {
        0 => format!("`{}` has no fields", variant.ident),
        _ => format!("the fields of `{}` are {}", variant.ident, join(&listed)),
    };
    match field_ref {
        FieldRef::Named(_) if has_unnamed => format!(
            "detail names `{{{written}}}`, but `{}` has unnamed fields; {fields}",
            variant.ident
        ),
        FieldRef::Index(_) if has_named => {
            format!(
                "detail names `{{{written}}}`, but `{}` has named fields; {fields}",
                variant.ident
            )
        }
        _ => {
            // The first of the nearest names, at most two edits away.
            let mut closest = None;
            let mut nearest = 3;
            for name in &names {
                let distance = crate::keys::distance(&written, name);
                if distance < nearest {
                    nearest = distance;
                    closest = Some(name);
                }
            }
            match closest {
                Some(name) => format!(
                    "detail names `{{{written}}}`, but `{}` has no such field; did you mean `{{{name}}}`?",
                    variant.ident
                ),
                None => format!(
                    "detail names `{{{written}}}`, but `{}` has no such field; {fields}",
                    variant.ident
                ),
            }
        }
    }
}
