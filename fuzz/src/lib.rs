//! What the `decode` fuzz target checks on every input.
//!
//! A library, so that the root package's `tests/fuzz_seeds.rs` runs the
//! committed seeds through the very same checks in CI (it includes this file
//! with `#[path]`), and so that they cannot rot while nobody fuzzes.
//!
//! For any bytes, decoding must not panic, and:
//!
//! - `ErrorBody::from_slice`, `ErrorBody::from_str` and the `Deserialize`
//!   impl agree on what is a body and what it holds;
//! - the two halves of `from_slice`, the scanner for plain bodies and the
//!   precise decoder, agree: the scanner answers only bodies that the
//!   precise decoder decodes, the same and borrowed alike, and `from_slice`
//!   answers exactly what the precise decoder answers, error for error;
//! - an independent oracle, built on serde's `deserialize_any`, agrees with
//!   the decoder on every input that is valid JSON: the same body, or an
//!   error of the kind the oracle expects;
//! - a decoded body survives re-encoding, through serde and through the
//!   crate's own writer (`write_json`), byte for byte;
//! - `Decoded::<StandardError>` keeps the body, rebuilds exactly the codes
//!   of the standard catalog and writes the body back unchanged;
//! - an error's text is short, single-line and free of characters that could
//!   forge a log line;
//! - a variant read back from a detail (`ReadBack`, whose details are text
//!   and fields, ambiguous on purpose) writes exactly the detail it was read
//!   from: no detail is accepted as a value that formats differently.

#![forbid(unsafe_code)]

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use skms_core::{
    DecodeError, DecodeErrorKind, Decoded, ErrorBody, FromBody, SkmsError, StandardError,
};

/// Runs every check on `data`; panics on the first that fails.
pub fn check_decode(data: &[u8]) {
    let strict = ErrorBody::from_slice(data);

    let serde = serde_json::from_slice::<ErrorBody<'_>>(data);
    match (&strict, &serde) {
        (Ok(ours), Ok(theirs)) => {
            assert_eq!(ours, theirs);
            assert_eq!(borrowed(ours), borrowed(theirs), "{ours:?}");
        }
        (Err(_), Err(_)) => {}
        _ => panic!("from_slice and Deserialize disagree: {strict:?}, {serde:?}"),
    }

    if let Ok(text) = std::str::from_utf8(data) {
        assert_eq!(ErrorBody::from_str(text), strict);
    }

    let precise = skms_core::__private::decode_precise(data);
    assert_eq!(strict, precise);
    if let Some(fast) = skms_core::__private::decode_fast_path(data) {
        let Ok(body) = &precise else {
            panic!("the scanner decodes {fast:?}, the precise decoder refuses: {precise:?}");
        };
        assert_eq!(&fast, body);
        assert_eq!(borrowed(&fast), borrowed(body), "{fast:?}");
    }
    if let (Ok(ours), Ok(theirs)) = (&strict, &precise) {
        assert_eq!(borrowed(ours), borrowed(theirs), "{ours:?}");
    }

    match oracle(data) {
        Expected::Body(expected) => assert_eq!(strict.as_ref().ok(), Some(&expected)),
        Expected::Kinds(kinds) => {
            let kind = strict.as_ref().map_err(DecodeError::kind);
            assert!(
                kinds.iter().any(|&expected| kind == Err(expected)),
                "expected one of {kinds:?}, got {strict:?}"
            );
        }
        Expected::Unknown => {}
    }

    match &strict {
        Ok(body) => check_body(body),
        Err(error) => check_error(error, data),
    }

    let decoded = Decoded::<StandardError>::from_slice(data);
    match (&decoded, &strict) {
        (Ok(decoded), Ok(body)) => check_decoded(decoded, body),
        (Err(ours), Err(theirs)) => assert_eq!(ours, theirs),
        _ => panic!("Decoded::from_slice and ErrorBody::from_slice disagree"),
    }
    let serde = serde_json::from_slice::<Decoded<StandardError>>(data);
    assert_eq!(serde.ok(), decoded.ok());

    if let Ok(body) = &strict {
        check_read_back(body);
    }
}

/// Details that a reader could split more than one way: fields side by
/// side, separators that a value may hold, a field used twice, numbers that
/// parse from more than one spelling (`+1`, `01`, `1.0`, `NaN`).
#[derive(Debug, PartialEq, skms_core::SkmsError)]
pub enum ReadBack {
    #[skms(code = 60001, status = 400, msg = "Pair", detail = "{a}-{b}")]
    Pair { a: String, b: String },
    #[skms(code = 60002, status = 400, msg = "Numbers", detail = "{0}{1}")]
    Numbers(u32, u32),
    #[skms(
        code = 60003,
        status = 400,
        msg = "Mixed",
        detail = "key {key} v{version}: {note}"
    )]
    Mixed {
        key: String,
        version: i64,
        note: String,
    },
    #[skms(code = 60004, status = 400, msg = "Twice", detail = "{0} and {0}")]
    Twice(String),
    #[skms(code = 60005, status = 400, msg = "Float", detail = "x{0}y")]
    Float(f64),
    #[skms(code = 60006, status = 400, msg = "Flag", detail = "{0}/{1}")]
    Flag(bool, char),
}

/// A body rebuilt as a `ReadBack` variant has its code, and writes exactly
/// the received detail (the message is the variant's own).
fn check_read_back(body: &ErrorBody<'_>) {
    let Some(value) = ReadBack::from_body(body) else {
        return;
    };
    assert_eq!(value.code(), body.code, "{value:?}");
    assert_eq!(
        value.detail().as_deref(),
        body.detail.as_deref(),
        "{value:?} read from {body:?} writes another detail"
    );
}

fn borrowed(body: &ErrorBody<'_>) -> (bool, Option<bool>) {
    let is_borrowed = |text: &Cow<'_, str>| matches!(text, Cow::Borrowed(_));
    (
        is_borrowed(&body.message),
        body.detail.as_ref().map(is_borrowed),
    )
}

/// A decoded body re-encodes to bytes that decode to the same body, and the
/// crate's writer (`write_json`) writes the same bytes as serde.
fn check_body(body: &ErrorBody<'_>) {
    let encoded = serde_json::to_vec(body).unwrap();
    assert_eq!(ErrorBody::from_slice(&encoded).as_ref(), Ok(body));
    assert_eq!(skms_core::to_json_vec(&Received(body)), encoded);
    let pretty = serde_json::to_vec_pretty(body).unwrap();
    assert_eq!(ErrorBody::from_slice(&pretty).as_ref(), Ok(body));
}

fn check_decoded(decoded: &Decoded<StandardError>, body: &ErrorBody<'_>) {
    assert_eq!(decoded.body(), body);
    assert_eq!(decoded.code(), body.code);
    assert_eq!(decoded.message(), body.message);
    assert_eq!(decoded.detail(), body.detail.as_deref());
    assert_eq!(
        decoded.error(),
        StandardError::from_code(body.code).as_ref()
    );
    assert_eq!(decoded.is_known(), decoded.error().is_some());
    if let Some(error) = decoded.error() {
        assert_eq!(error.code(), body.code);
        assert_eq!(decoded.catalog_message(), Some(error.message()));
    } else {
        assert_eq!(decoded.catalog_message(), None);
    }
    assert_eq!(
        serde_json::to_vec(decoded).unwrap(),
        serde_json::to_vec(body).unwrap()
    );
    assert_eq!(decoded.to_string(), body.to_string());
}

/// An error says what is wrong on one short line, and where, within the
/// input.
fn check_error(error: &DecodeError, data: &[u8]) {
    let text = error.to_string();
    assert!(text.starts_with("invalid SKMS error body: "), "{text}");
    assert!(text.len() <= 200, "{text}");
    let forging = |c: char| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    assert!(!text.contains(forging), "{text:?}");
    let lines = 1 + data.iter().filter(|&&byte| byte == b'\n').count();
    assert!((1..=lines).contains(&error.line()), "{error:?}");
    assert!(error.column() <= data.len(), "{error:?}");
    assert!(error.column() >= 1 || data.is_empty() || error.kind() == DecodeErrorKind::NotJson);
}

/// A received body seen as an `SkmsError`, to write it with the crate's fast
/// path.
struct Received<'a>(&'a ErrorBody<'a>);

impl SkmsError for Received<'_> {
    fn code(&self) -> u32 {
        self.0.code
    }
    fn status(&self) -> u16 {
        500
    }
    fn message(&self) -> &str {
        &self.0.message
    }
    fn detail(&self) -> Option<Cow<'_, str>> {
        self.0.detail.as_deref().map(Cow::Borrowed)
    }
}

/// What the oracle expects of an input.
#[derive(Debug, PartialEq)]
pub enum Expected {
    /// This body.
    Body(ErrorBody<'static>),
    /// An error of one of these kinds.
    Kinds(&'static [DecodeErrorKind]),
    /// Nothing: the input is not valid JSON as `serde_json::Value` reads it.
    Unknown,
}

/// The decoder's rules, applied to the input as read by serde's own
/// `deserialize_any` (with its keys in order and repeated keys kept): an
/// independent implementation to compare with.
pub fn oracle(data: &[u8]) -> Expected {
    use DecodeErrorKind as Kind;

    // Only valid JSON, all of it, as `Value` reads it, is judged. `Value` is
    // not used beyond that: it reads an object whose key is serde_json's
    // private raw-value token as the value inside, which the decoder must
    // not do (the fuzzer found this).
    if serde_json::from_slice::<Value>(data).is_err() {
        return Expected::Unknown;
    }
    let first = data.iter().find(|byte| !byte.is_ascii_whitespace());
    if first != Some(&b'{') {
        return Expected::Kinds(&[Kind::NotAnObject]);
    }
    let Ok(Entries(entries)) = serde_json::from_slice::<Entries>(data) else {
        return Expected::Unknown;
    };
    let mut code = None;
    let mut message = None;
    let mut detail = None;
    for (key, shape) in entries {
        let (slot, field): (&mut Option<Shape>, _) = match key.as_str() {
            "code" => (&mut code, Field::Code),
            "message" => (&mut message, Field::Message),
            "detail" => (&mut detail, Field::Detail),
            _ => continue,
        };
        if slot.is_some() {
            return Expected::Kinds(&[Kind::DuplicateField]);
        }
        let refused: Option<&'static [Kind]> = match (field, &shape) {
            (Field::Code, Shape::Unsigned(code)) if u32::try_from(*code).is_ok() => None,
            (Field::Code, Shape::Unsigned(_) | Shape::Negative) => Some(&[Kind::CodeOutOfRange]),
            // Written with a fraction or an exponent, or an integer too
            // large for u64, which serde reads as a float too.
            (Field::Code, Shape::Float) => Some(&[Kind::CodeNotInteger, Kind::CodeOutOfRange]),
            (Field::Code, _) => Some(&[Kind::CodeNotInteger]),
            (Field::Message | Field::Detail, Shape::String(_)) => None,
            (Field::Message, _) => Some(&[Kind::MessageNotString]),
            (Field::Detail, _) => Some(&[Kind::DetailNotString]),
        };
        if let Some(kinds) = refused {
            return Expected::Kinds(kinds);
        }
        *slot = Some(shape);
    }
    let Some(Shape::Unsigned(code)) = code else {
        return Expected::Kinds(&[Kind::MissingCode]);
    };
    let Some(Shape::String(message)) = message else {
        return Expected::Kinds(&[Kind::MissingMessage]);
    };
    let detail = detail.map(|shape| match shape {
        Shape::String(detail) => Cow::Owned(detail),
        _ => unreachable!("checked above"),
    });
    Expected::Body(ErrorBody {
        code: u32::try_from(code).unwrap(),
        message: Cow::Owned(message),
        detail,
    })
}

#[derive(Clone, Copy)]
enum Field {
    Code,
    Message,
    Detail,
}

/// What a JSON value is, as far as the rules care.
enum Shape {
    String(String),
    Unsigned(u64),
    Negative,
    Float,
    Other,
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShapeVisitor;

        impl<'de> Visitor<'de> for ShapeVisitor {
            type Value = Shape;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_u64<E>(self, n: u64) -> Result<Shape, E> {
                Ok(Shape::Unsigned(n))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Shape, E> {
                Ok(u64::try_from(n).map_or(Shape::Negative, Shape::Unsigned))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
                Ok(Shape::Float)
            }
            fn visit_str<E>(self, text: &str) -> Result<Shape, E> {
                Ok(Shape::String(text.to_owned()))
            }
            fn visit_unit<E>(self) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Shape::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Shape::Other)
            }
        }

        deserializer.deserialize_any(ShapeVisitor)
    }
}

/// The entries of a JSON object, in order, repeated keys included.
struct Entries(Vec<(String, Shape)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;

        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }

        deserializer.deserialize_map(EntriesVisitor)
    }
}
