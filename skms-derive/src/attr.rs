//! Parsing `#[skms(...)]`. Every key is accepted here wherever it appears and
//! kept with its span; `valid.rs` decides whether it belongs where it was
//! written. A bad value is recorded and parsing goes on with the next key, so
//! that all mistakes of an attribute are reported together.
//!
//! One concern, the syntax of the attribute: each key's value, its literal
//! forms, the suggestions for misspelled keys.

use proc_macro2::{Span, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::parse::discouraged::Speculative as _;
use syn::parse::ParseStream;
use syn::{Attribute, Ident, Lit, LitBool, LitInt, LitStr, Path, Token};

use crate::ctxt::Ctxt;
use crate::keys::{self, Place, Sym};

/// A value written in an attribute, with the span of its key (for "duplicate"
/// and "not allowed here") and of the value itself (for "out of range").
pub(crate) struct Keyed<T> {
    pub(crate) key: Ident,
    pub(crate) value: T,
    pub(crate) value_span: Span,
}

/// Everything the `#[skms(...)]` attributes of one item say.
#[derive(Default)]
pub(crate) struct Attrs {
    /// The first `#[skms]` attribute, where errors about a missing key point.
    pub(crate) first: Option<Path>,
    /// The keys the user wrote, even those whose value was wrong, and the key
    /// that an unknown key was taken for: none of them is reported missing.
    pub(crate) written: Vec<Sym>,
    /// Whether an attribute could not be read at all, such as `#[skms]`
    /// without parentheses: then nothing is reported missing either.
    pub(crate) malformed: bool,
    pub(crate) code: Option<Keyed<u32>>,
    pub(crate) status: Option<Keyed<u16>>,
    /// The strings' values; `value_span` is the literal's.
    pub(crate) msg: Option<Keyed<String>>,
    pub(crate) detail: Option<Keyed<String>>,
    pub(crate) description: Option<Keyed<String>>,
    pub(crate) transparent: Option<Ident>,
    /// `public_detail` (true) or `internal_detail` (false).
    pub(crate) exposure: Option<Keyed<bool>>,
    pub(crate) krate: Option<Keyed<Path>>,
    pub(crate) std_error: Option<Keyed<bool>>,
    pub(crate) doc: Option<Keyed<String>>,
    /// `range = 60000..=60999`: the inclusive bounds.
    pub(crate) range: Option<Keyed<(u32, u32)>>,
    /// `grpc = "failed_precondition"`: the code's value on the wire.
    pub(crate) grpc: Option<Keyed<u8>>,
    /// `deprecated = "use 40120"`, or `deprecated` alone (an empty note).
    pub(crate) deprecated: Option<Keyed<String>>,
    /// The first `reserved` key written, where a misplaced one is reported.
    pub(crate) reserved_key: Option<Ident>,
    /// Every code and range of every `reserved(...)`, in order.
    pub(crate) reserved: Vec<ReservedCodes>,
}

/// One item of `reserved(...)`: `40010`, `40106..=40109`, or either with
/// `= "reason"`.
pub(crate) struct ReservedCodes {
    pub(crate) low: u32,
    pub(crate) high: u32,
    pub(crate) reason: Option<String>,
    /// The codes as written, where a reservation is reported.
    pub(crate) span: Span,
}

impl Attrs {
    /// Parses every `#[skms(...)]` among `attrs`; other attributes are not ours.
    pub(crate) fn parse(cx: &Ctxt, attrs: &[Attribute], place: Place) -> Attrs {
        let mut parsed = Attrs::default();
        for attr in attrs {
            if !attr.path().is_ident("skms") {
                continue;
            }
            if parsed.first.is_none() {
                parsed.first = Some(attr.path().clone());
            }
            if let Err(error) = attr.parse_nested_meta(|meta| parsed.parse_key(cx, &meta, place)) {
                parsed.malformed = true;
                cx.syn_error(error);
            }
        }
        parsed
    }

    /// The key `sym` as the user wrote it, when its value was read: where a
    /// key that does not belong is reported.
    pub(crate) fn key(&self, sym: Sym) -> Option<&Ident> {
        fn key_of<T>(keyed: Option<&Keyed<T>>) -> Option<&Ident> {
            keyed.map(|keyed| &keyed.key)
        }
        match sym {
            Sym::Code => key_of(self.code.as_ref()),
            Sym::Status => key_of(self.status.as_ref()),
            Sym::Msg => key_of(self.msg.as_ref()),
            Sym::Detail => key_of(self.detail.as_ref()),
            Sym::Description => key_of(self.description.as_ref()),
            Sym::Doc => key_of(self.doc.as_ref()),
            Sym::Grpc => key_of(self.grpc.as_ref()),
            Sym::Range => key_of(self.range.as_ref()),
            Sym::Deprecated => key_of(self.deprecated.as_ref()),
            Sym::Reserved => self.reserved_key.as_ref(),
            Sym::Transparent => self.transparent.as_ref(),
            // One of the two, the first written.
            Sym::PublicDetail => key_of(self.exposure.as_ref()).filter(|_| self.public()),
            Sym::InternalDetail => key_of(self.exposure.as_ref()).filter(|_| !self.public()),
            Sym::Crate => key_of(self.krate.as_ref()),
            Sym::StdError => key_of(self.std_error.as_ref()),
        }
    }

    /// Whether the exposure written is `public_detail`.
    fn public(&self) -> bool {
        self.exposure.as_ref().is_some_and(|keyed| keyed.value)
    }

    /// Whether the user wrote `key`, with a right value or not.
    pub(crate) fn key_present(&self, key: Sym) -> bool {
        self.malformed || self.written.contains(&key)
    }

    /// `std_error = ...`, true when not written: whether the derive writes
    /// `Display`, `Error` and `From`.
    pub(crate) fn std_error(&self) -> bool {
        self.std_error.as_ref().is_none_or(|keyed| keyed.value)
    }

    /// `crate = "..."`, `::skms_core` when not written: the path of
    /// skms-core in the generated code.
    pub(crate) fn krate(&self) -> Path {
        self.krate.as_ref().map_or_else(
            || syn::parse_quote!(::skms_core),
            |keyed| keyed.value.clone(),
        )
    }

    fn parse_key(&mut self, cx: &Ctxt, meta: &ParseNestedMeta, place: Place) -> syn::Result<()> {
        let Some(key) = key_ident(&meta.path) else {
            cx.error_spanned_by(
                &meta.path,
                format!(
                    "expected a key in #[skms(...)], not a path; {}",
                    keys::expected_keys(place)
                ),
            );
            self.malformed = true;
            return skip_value(meta);
        };
        let name = key.to_string();
        let Some(known) = keys::find(&name) else {
            self.not_a_key(cx, &key, &name, place);
            return skip_value(meta);
        };
        self.written.push(known.sym);
        match known.sym {
            // code = 40013
            Sym::Code => {
                let value = int_value(cx, meta, &key, "a code such as `code = 40013`")?;
                let value = value.and_then(|int| parse_code(cx, &int));
                set(cx, &mut self.code, key, value);
            }
            // status = 400
            Sym::Status => {
                let value = int_value(cx, meta, &key, "an HTTP status such as `status = 400`")?;
                let value = value.and_then(|int| parse_status(cx, &int));
                set(cx, &mut self.status, key, value);
            }
            // msg = "Key not found in the keyVault"
            Sym::Msg => {
                let value = str_value(cx, meta, &key, "msg = \"Key not found in the keyVault\"")?;
                set(cx, &mut self.msg, key, value);
            }
            // detail = "keyId : {key_id}"
            Sym::Detail => {
                let value = str_value(cx, meta, &key, "detail = \"keyId : {key_id}\"")?;
                set(cx, &mut self.detail, key, value);
            }
            // description = "what the code means"
            Sym::Description => {
                let value = str_value(cx, meta, &key, "description = \"what the code means\"")?;
                set(cx, &mut self.description, key, value);
            }
            // doc = "https://docs.example.com/errors/40013"
            Sym::Doc => {
                let value = str_value(
                    cx,
                    meta,
                    &key,
                    "doc = \"https://docs.example.com/errors/60001\"",
                )?;
                set(cx, &mut self.doc, key, value);
            }
            // range = 60000..=60999
            // range = 60000..61000
            Sym::Range => {
                let value = range_value(cx, meta, &key)?;
                set(cx, &mut self.range, key, value);
            }
            // reserved(40010, 40106..=40109, 40110 = "merged into 40104")
            Sym::Reserved => {
                let mut value = reserved_value(cx, meta, &key)?;
                self.reserved.append(&mut value);
                if self.reserved_key.is_none() {
                    self.reserved_key = Some(key);
                }
            }
            // deprecated
            // deprecated = "use 40120"
            Sym::Deprecated => {
                let value = if meta.input.peek(Token![=]) {
                    str_value(cx, meta, &key, "deprecated = \"use 40120\"")?
                } else if meta.input.peek(syn::token::Paren) {
                    cx.error_spanned_by(
                        &key,
                        "`deprecated` takes a note after `=`: deprecated = \"use 40120\", or nothing",
                    );
                    skip_value(meta)?;
                    None
                } else {
                    Some((String::new(), key.span()))
                };
                set(cx, &mut self.deprecated, key, value);
            }
            // transparent
            Sym::Transparent => {
                if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
                    cx.error_spanned_by(
                        &key,
                        "`transparent` takes no value; write #[skms(transparent)]",
                    );
                    skip_value(meta)?;
                }
                if self.transparent.is_some() {
                    cx.error_spanned_by(
                        &key,
                        "duplicate key `transparent` in #[skms(...)]; keep one",
                    );
                } else {
                    self.transparent = Some(key);
                }
            }
            // public_detail
            // internal_detail
            Sym::PublicDetail | Sym::InternalDetail => {
                if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
                    cx.error_spanned_by(
                        &key,
                        format!("`{key}` takes no value; write #[skms({key})]"),
                    );
                    skip_value(meta)?;
                }
                if let Some(first) = &self.exposure {
                    let message = if first.key == key {
                        format!("duplicate key `{key}` in #[skms(...)]; keep one")
                    } else {
                        format!("`{key}` contradicts `{}`; keep one of them", first.key)
                    };
                    cx.error_spanned_by(&key, message);
                } else {
                    let public = known.sym == Sym::PublicDetail;
                    let span = key.span();
                    self.exposure = Some(Keyed {
                        key,
                        value: public,
                        value_span: span,
                    });
                }
            }
            // crate = "path::to::skms_core"
            Sym::Crate => {
                let value = lit_str_value(cx, meta, &key, "crate = \"my_crate::skms_core\"")?;
                let value = value.and_then(|lit| match lit.parse::<Path>() {
                    Ok(path) => Some((path, lit.span())),
                    Err(_) => {
                        cx.error_spanned_by(
                            &lit,
                            "`crate` takes the path of skms-core as a string, such as \"my_crate::skms_core\"",
                        );
                        None
                    }
                });
                set(cx, &mut self.krate, key, value);
            }
            // grpc = "failed_precondition"
            Sym::Grpc => {
                let value = str_value(cx, meta, &key, "grpc = \"failed_precondition\"")?;
                let value = value.and_then(|(name, span)| match crate::grpc::code(&name) {
                    Ok(code) => Some((code, span)),
                    Err(message) => {
                        cx.syn_error(syn::Error::new(span, message));
                        None
                    }
                });
                set(cx, &mut self.grpc, key, value);
            }
            // std_error = false
            Sym::StdError => {
                let value = bool_value(cx, meta, &key)?;
                set(cx, &mut self.std_error, key, value);
            }
        }
        Ok(())
    }

    /// Reports `key`, which is not in the table of keys: thiserror's `from`,
    /// a misspelled key (taken for the key it resembles, which is then not
    /// reported missing), or an unknown one.
    fn not_a_key(&mut self, cx: &Ctxt, key: &Ident, name: &str, place: Place) {
        let message = if name == "from" {
            "`from` is an attribute of its own, as in thiserror: write #[from] on the field that the variant converts from, not in #[skms(...)]".to_owned()
        } else if let Some(known) = keys::suggest(name) {
            self.written.push(known.sym);
            format!(
                "unknown key `{name}` in #[skms(...)]; did you mean `{}`?",
                known.name
            )
        } else {
            format!(
                "unknown key `{name}` in #[skms(...)]; {}",
                keys::expected_keys(place)
            )
        };
        cx.error_spanned_by(key, message);
    }
}

/// The key of a nested meta: a single identifier (keywords such as `crate`
/// included), or `None` for a path such as `a::b`.
fn key_ident(path: &Path) -> Option<Ident> {
    if path.leading_colon.is_none() && path.segments.len() == 1 {
        let segment = &path.segments[0];
        if segment.arguments.is_none() {
            return Some(segment.ident.clone());
        }
    }
    None
}

/// Records the value of a key, or an error if the key was given before.
fn set<T>(cx: &Ctxt, slot: &mut Option<Keyed<T>>, key: Ident, value: Option<(T, Span)>) {
    if slot.is_some() {
        cx.error_spanned_by(
            &key,
            format!("duplicate key `{key}` in #[skms(...)]; keep one"),
        );
        return;
    }
    if let Some((value, value_span)) = value {
        *slot = Some(Keyed {
            key,
            value,
            value_span,
        });
    }
}

/// A literal after `key =`, read once.
///
/// Reading a literal costs a round-trip to the compiler for its text, and
/// syn parses that text twice for a string (once to classify the literal,
/// again in `LitStr::value`), which adds up over a thousand variants in a
/// debug-built macro. The literals of nearly every attribute, plain strings
/// and plain decimal integers, are read here from the text alone; syn reads
/// the others.
enum Value {
    /// `"..."` with no escape and no suffix: the text between the quotes.
    Str(String, Span),
    /// Decimal digits with no suffix, `_` or leading zero: the digits.
    Int(String, Span),
    /// Any other literal, as syn reads it.
    Lit(Lit),
}

impl Value {
    fn parse(input: ParseStream) -> syn::Result<Value> {
        let literal = input.step(|cursor| {
            let Some((token, rest)) = cursor.literal() else {
                return Ok((None, *cursor));
            };
            let text = token.to_string();
            let value = if let Some(inside) = plain_str(&text) {
                Value::Str(inside.to_owned(), token.span())
            } else if is_plain_int(&text) {
                Value::Int(text, token.span())
            } else {
                // Reads the text a second time, for the rare literal that
                // is neither.
                Value::Lit(Lit::new(token))
            };
            Ok((Some(value), rest))
        })?;
        match literal {
            Some(value) => Ok(value),
            // `true`, `false`, or a negative number.
            None => input.parse().map(Value::Lit),
        }
    }

    /// Records an error spanned on the literal.
    fn error(&self, cx: &Ctxt, message: String) {
        match self {
            Value::Str(_, span) | Value::Int(_, span) => {
                cx.syn_error(syn::Error::new(*span, message));
            }
            Value::Lit(lit) => cx.error_spanned_by(lit, message),
        }
    }

    /// What the literal is, for messages.
    fn kind(&self) -> &'static str {
        match self {
            Value::Str(..) => "a string",
            Value::Int(..) => "an integer",
            Value::Lit(lit) => lit_kind(lit),
        }
    }
}

/// The inside of `"..."` when the quotes hold no escape (nor a carriage
/// return, which syn reads as part of a line ending): then it is the value.
fn plain_str(text: &str) -> Option<&str> {
    let inside = text.strip_prefix('"')?.strip_suffix('"')?;
    // Bytes rather than `contains` with a set of chars, far slower unoptimized.
    for b in inside.bytes() {
        if matches!(b, b'\\' | b'"' | b'\r') {
            return None;
        }
    }
    Some(inside)
}

/// Whether `text` is decimal digits alone, as syn's `base10_digits` gives
/// them back (syn drops leading zeros).
fn is_plain_int(text: &str) -> bool {
    for b in text.bytes() {
        if !b.is_ascii_digit() {
            return false;
        }
    }
    !text.is_empty() && (text.len() == 1 || !text.starts_with('0'))
}

/// An integer literal's digits and suffix: `40013`, `400u16`.
struct Int {
    digits: String,
    suffix: String,
    span: Span,
}

/// The literal after `key =`, or `None` (with the error recorded and the
/// value skipped) when there is no literal.
fn lit_value(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &Ident,
    expected: &str,
) -> syn::Result<Option<Value>> {
    if !meta.input.peek(Token![=]) {
        cx.error_spanned_by(key, format!("`{key}` needs a value: {expected}"));
        skip_value(meta)?;
        return Ok(None);
    }
    let input = meta.value()?;
    // Before literals: syn reads `-40013` as one literal spanned on the `-`.
    if input.peek(Token![-]) && input.peek2(LitInt) {
        let fork = input.fork();
        let minus: Token![-] = fork.parse()?;
        let lit: LitInt = fork.parse()?;
        if fork.is_empty() || fork.peek(Token![,]) {
            skip_tokens(input)?;
            cx.error_spanned_by(
                quote::quote!(#minus #lit),
                format!("`{key}` cannot be negative: {expected}"),
            );
            return Ok(None);
        }
    }
    // Read once, on a fork that the input then catches up with: no
    // `peek(Lit)` first, which would read the literal a second time.
    let fork = input.fork();
    if let Ok(value) = fork.call(Value::parse) {
        if fork.is_empty() || fork.peek(Token![,]) {
            input.advance_to(&fork);
            return Ok(Some(value));
        }
    }
    let tokens = skip_tokens(input)?;
    if tokens.is_empty() {
        cx.error_spanned_by(key, format!("`{key}` needs a value: {expected}"));
    } else {
        cx.error_spanned_by(
            tokens,
            format!("`{key}` takes a literal, not an expression: {expected}"),
        );
    }
    Ok(None)
}

fn int_value(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &Ident,
    expected: &str,
) -> syn::Result<Option<Int>> {
    Ok(match lit_value(cx, meta, key, expected)? {
        Some(Value::Int(digits, span)) => Some(Int {
            digits,
            suffix: String::new(),
            span,
        }),
        Some(Value::Lit(Lit::Int(lit))) => Some(Int {
            digits: lit.base10_digits().to_owned(),
            suffix: lit.suffix().to_owned(),
            span: lit.span(),
        }),
        Some(other) => {
            other.error(
                cx,
                format!(
                    "`{key}` takes an integer literal, not {}: {expected}",
                    other.kind()
                ),
            );
            None
        }
        None => None,
    })
}

/// A string's value and the literal's span.
fn str_value(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &Ident,
    expected: &str,
) -> syn::Result<Option<(String, Span)>> {
    Ok(match lit_value(cx, meta, key, expected)? {
        Some(Value::Str(value, span)) => Some((value, span)),
        Some(Value::Lit(Lit::Str(lit))) => Some((lit.value(), lit.span())),
        Some(other) => {
            other.error(
                cx,
                format!(
                    "`{key}` takes a string literal, not {}: {expected}",
                    other.kind()
                ),
            );
            None
        }
        None => None,
    })
}

/// A string literal, for `LitStr::parse`.
fn lit_str_value(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &Ident,
    expected: &str,
) -> syn::Result<Option<LitStr>> {
    let value = str_value(cx, meta, key, expected)?;
    Ok(value.map(|(value, span)| LitStr::new(&value, span)))
}

fn bool_value(cx: &Ctxt, meta: &ParseNestedMeta, key: &Ident) -> syn::Result<Option<(bool, Span)>> {
    let expected = "`std_error = false` leaves Display and Error to another derive";
    Ok(match lit_value(cx, meta, key, expected)? {
        Some(Value::Lit(Lit::Bool(LitBool { value, span }))) => Some((value, span)),
        Some(other) => {
            other.error(
                cx,
                format!(
                    "`{key}` takes `true` or `false`, not {}: {expected}",
                    other.kind()
                ),
            );
            None
        }
        None => None,
    })
}

fn lit_kind(lit: &Lit) -> &'static str {
    match lit {
        Lit::Str(_) => "a string",
        Lit::ByteStr(_) | Lit::CStr(_) => "a byte string",
        Lit::Byte(_) | Lit::Char(_) => "a character",
        Lit::Int(_) => "an integer",
        Lit::Float(_) => "a float",
        Lit::Bool(_) => "a boolean",
        _ => "this literal",
    }
}

/// The bounds after `range =`, or `None` with the error recorded.
fn range_value(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &Ident,
) -> syn::Result<Option<((u32, u32), Span)>> {
    let expected = "range = 60000..=60999";
    if !meta.input.peek(Token![=]) {
        cx.error_spanned_by(key, format!("`range` needs a value: {expected}"));
        skip_value(meta)?;
        return Ok(None);
    }
    let input = meta.value()?;
    let fork = input.fork();
    let parsed = (|| -> syn::Result<(LitInt, bool, LitInt)> {
        let start: LitInt = fork.parse()?;
        let inclusive = if fork.peek(Token![..=]) {
            fork.parse::<Token![..=]>()?;
            true
        } else {
            fork.parse::<Token![..]>()?;
            false
        };
        let end: LitInt = fork.parse()?;
        Ok((start, inclusive, end))
    })();
    let tokens = skip_tokens(input)?;
    let Ok((start, inclusive, end)) = parsed else {
        cx.error_spanned_by(
            &tokens,
            format!("`range` takes two integer literals: {expected}, or 60000..61000"),
        );
        return Ok(None);
    };
    let (Ok(low), Ok(high)) = (start.base10_parse::<u32>(), end.base10_parse::<u32>()) else {
        cx.error_spanned_by(
            &tokens,
            "the bounds of `range` are codes: they must fit in u32",
        );
        return Ok(None);
    };
    let high = if inclusive {
        Some(high)
    } else {
        high.checked_sub(1)
    };
    match high {
        Some(high) if low <= high => Ok(Some(((low, high), tokens_span(&tokens)))),
        _ => {
            cx.error_spanned_by(
                &tokens,
                "`range` is empty; write the low bound first: range = 60000..=60999",
            );
            Ok(None)
        }
    }
}

/// The codes of `reserved(...)`, each with its span; the items that could
/// not be read are recorded as errors and left out.
fn reserved_value(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &Ident,
) -> syn::Result<Vec<ReservedCodes>> {
    let expected = "reserved(40010, 40106..=40109, 40110 = \"merged into 40104\")";
    if !meta.input.peek(syn::token::Paren) {
        cx.error_spanned_by(
            key,
            format!("`reserved` lists codes in parentheses: {expected}"),
        );
        skip_value(meta)?;
        return Ok(Vec::new());
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let mut reserved = Vec::new();
    if content.is_empty() {
        cx.error_spanned_by(
            key,
            format!("`reserved` needs at least one code: {expected}"),
        );
    }
    while !content.is_empty() {
        let item = skip_tokens(&content)?;
        if let Some(codes) = reserved_item(cx, &item, expected) {
            reserved.push(codes);
        }
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(reserved)
}

/// One item of `reserved(...)` as written: `LOW`, `LOW..=HIGH` or
/// `LOW..HIGH` (the bool: inclusive), then `= "reason"` or nothing.
struct ReservedSyntax {
    low: LitInt,
    high: Option<(bool, LitInt)>,
    reason: Option<LitStr>,
}

impl ReservedSyntax {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let low: LitInt = input.parse()?;
        let high = if input.peek(Token![..=]) {
            input.parse::<Token![..=]>()?;
            Some((true, input.parse::<LitInt>()?))
        } else if input.peek(Token![..]) {
            input.parse::<Token![..]>()?;
            Some((false, input.parse::<LitInt>()?))
        } else {
            None
        };
        let reason = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            Some(input.parse::<LitStr>()?)
        } else {
            None
        };
        Ok(ReservedSyntax { low, high, reason })
    }
}

/// One item of `reserved(...)`, read.
fn reserved_item(
    cx: &Ctxt,
    item: &proc_macro2::TokenStream,
    expected: &str,
) -> Option<ReservedCodes> {
    let parsed = syn::parse::Parser::parse2(ReservedSyntax::parse, item.clone());
    let Ok(ReservedSyntax { low, high, reason }) = parsed else {
        // After `=`, only the reason can be wrong.
        let mut reason_wrong = false;
        for token in item.clone() {
            if let TokenTree::Punct(punct) = token {
                if punct.as_char() == '=' && punct.spacing() == proc_macro2::Spacing::Alone {
                    reason_wrong = true;
                    break;
                }
            }
        }
        let message = if reason_wrong {
            "the reason of a reserved code is a string literal: 40110 = \"merged into 40104\""
                .to_owned()
        } else {
            format!("`reserved` takes codes, ranges of codes and reasons: {expected}")
        };
        cx.error_spanned_by(item, message);
        return None;
    };
    let span = low.span();
    let fits = |lit: &LitInt| match lit.base10_parse::<u32>() {
        Ok(code) if lit.suffix().is_empty() || lit.suffix() == "u32" => Some(code),
        Ok(_) => {
            cx.error_spanned_by(
                lit,
                format!(
                    "reserved codes are u32; remove the suffix `{}`",
                    lit.suffix()
                ),
            );
            None
        }
        Err(_) => {
            cx.error_spanned_by(
                lit,
                format!(
                    "reserved codes are SKMS codes: {} does not fit in u32",
                    lit.base10_digits()
                ),
            );
            None
        }
    };
    let low_code = fits(&low)?;
    let high_code = match &high {
        None => low_code,
        Some((inclusive, lit)) => {
            let high_code = fits(lit)?;
            let high_code = if *inclusive {
                Some(high_code)
            } else {
                high_code.checked_sub(1)
            };
            match high_code {
                Some(high_code) if high_code >= low_code => high_code,
                _ => {
                    cx.error_spanned_by(
                        item,
                        "this range of reserved codes is empty; write the low code first: 40106..=40109",
                    );
                    return None;
                }
            }
        }
    };
    Some(ReservedCodes {
        low: low_code,
        high: high_code,
        reason: reason.map(|reason| reason.value()),
        span,
    })
}

fn tokens_span(tokens: &proc_macro2::TokenStream) -> Span {
    match tokens.clone().into_iter().next() {
        Some(token) => token.span(),
        None => Span::call_site(),
    }
}

/// The code of `int`, or `None` with the error recorded.
fn parse_code(cx: &Ctxt, int: &Int) -> Option<(u32, Span)> {
    if !matches!(int.suffix.as_str(), "" | "u32") {
        cx.syn_error(syn::Error::new(
            int.span,
            format!("`code` is a u32; remove the suffix `{}`", int.suffix),
        ));
        return None;
    }
    match int.digits.parse::<u32>() {
        Ok(code) => Some((code, int.span)),
        Err(_) => {
            cx.syn_error(syn::Error::new(
                int.span,
                format!(
                    "code {} does not fit in u32; SKMS codes are at most {}",
                    int.digits,
                    u32::MAX
                ),
            ));
            None
        }
    }
}

/// The status of `int`, or `None` with the error recorded.
fn parse_status(cx: &Ctxt, int: &Int) -> Option<(u16, Span)> {
    if !matches!(int.suffix.as_str(), "" | "u16") {
        cx.syn_error(syn::Error::new(
            int.span,
            format!("`status` is a u16; remove the suffix `{}`", int.suffix),
        ));
        return None;
    }
    match int.digits.parse::<u16>() {
        Ok(status) if (400..=599).contains(&status) => Some((status, int.span)),
        _ => {
            cx.syn_error(syn::Error::new(
                int.span,
                format!(
                    "status {} is not an error status; an SKMS error answers 4xx or 5xx (400..=599)",
                    int.digits
                ),
            ));
            None
        }
    }
}

/// Skips the value of a key, whatever it is, so that parsing can go on with
/// the next key.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        let input = meta.value()?;
        skip_tokens(input)?;
    } else if meta.input.peek(syn::token::Paren) {
        // The group whole, whatever it holds: `reserve(60004)` is skipped
        // without a second error about its literal.
        meta.input.parse::<TokenTree>()?;
    }
    Ok(())
}

/// Consumes the tokens up to the next top-level comma; returns them.
fn skip_tokens(input: ParseStream) -> syn::Result<proc_macro2::TokenStream> {
    let mut skipped = proc_macro2::TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        skipped.extend([input.parse::<TokenTree>()?]);
    }
    Ok(skipped)
}
