//! Property tests of decoding: what is serialized decodes back unchanged,
//! whatever the catalog entry and whatever the Unicode of the detail, and
//! every wrong type of every field gets the error of its kind.

use std::borrow::Cow;

use proptest::prelude::*;
use serde_json::{json, Value};
use skms_core::{DecodeErrorKind, Decoded, ErrorBody, SkmsError, StandardError};

#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;

/// Few enough cases for CI to stay fast; the fuzzer goes further.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

/// Characters that JSON escaping must get right, and any others.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => prop::sample::select(vec![
            '"', '\\', '/', '\n', '\r', '\t', '\u{8}', '\u{c}', '\0', '\u{1f}', '\u{7f}',
            '\u{85}', '\u{2028}', '\u{2029}', '\u{202e}', '\u{feff}', '\u{fffd}', 'é', '東',
            '\u{10000}', '\u{1f511}', '\u{10ffff}',
        ]),
        1 => prop::char::range('\0', '\u{1f}'),
        1 => prop::char::range('\u{10000}', '\u{10ffff}'),
        1 => prop::char::range(' ', '~'),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..48).prop_map(|chars| chars.into_iter().collect())
}

fn standard() -> impl Strategy<Value = StandardError> {
    prop::sample::select(StandardError::ALL.to_vec())
}

/// A standard error sent with a detail, as a service's hand-written
/// `SkmsError` would send it.
struct WithDetail {
    error: StandardError,
    detail: Option<String>,
}

impl SkmsError for WithDetail {
    fn code(&self) -> u32 {
        self.error.code()
    }
    fn status(&self) -> u16 {
        self.error.status()
    }
    fn message(&self) -> &str {
        self.error.message()
    }
    fn detail(&self) -> Option<Cow<'_, str>> {
        self.detail.as_deref().map(Cow::Borrowed)
    }
}

/// A derived type whose detail is its field, for the derive's pre-escaped
/// fast path.
#[derive(Debug, SkmsError)]
enum Derived {
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "{0}"
    )]
    KeyNotFound(String),
    #[skms(transparent)]
    Standard(StandardError),
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_standard_error_and_any_detail_survive(error in standard(), detail in prop::option::of(text())) {
        let sent = WithDetail { error, detail: detail.clone() };
        let fast = skms_core::to_json_vec(&sent);
        let serde = serde_json::to_vec(&ErrorBody::of(&sent)).unwrap();
        prop_assert_eq!(&fast, &serde);

        let body = ErrorBody::from_slice(&fast).unwrap();
        prop_assert_eq!(body.code, error.code());
        prop_assert_eq!(&body.message, error.message());
        prop_assert_eq!(body.detail.as_deref(), detail.as_deref());

        let decoded = Decoded::<StandardError>::from_slice(&fast).unwrap();
        prop_assert_eq!(decoded.error(), Some(&error));
        prop_assert_eq!(decoded.detail(), detail.as_deref());
        prop_assert_eq!(decoded.message(), error.message());
        prop_assert_eq!(decoded.catalog_message(), Some(error.message()));
        prop_assert_eq!(serde_json::to_vec(&decoded).unwrap(), fast);
    }

    #[test]
    fn derived_bodies_survive(detail in text(), error in standard()) {
        let sent = Derived::KeyNotFound(detail.clone());
        let fast = skms_core::to_json_vec(&sent);
        let body = ErrorBody::from_slice(&fast).unwrap();
        prop_assert_eq!(body.detail.as_deref(), Some(detail.as_str()));
        let serde = serde_json::to_string(&sent).unwrap();
        let body = ErrorBody::from_str(&serde).unwrap();
        prop_assert_eq!(body.detail.as_deref(), Some(detail.as_str()));
        prop_assert_eq!(body.code, 40013);

        let sent = Derived::Standard(error);
        let decoded = Decoded::<StandardError>::from_slice(&skms_core::to_json_vec(&sent)).unwrap();
        prop_assert_eq!(decoded.error(), Some(&error));
        prop_assert_eq!(decoded.detail(), None);
    }

    #[test]
    fn any_body_survives_and_is_borrowed_when_it_can_be(
        code in any::<u32>(),
        message in text(),
        detail in prop::option::of(text()),
    ) {
        let body = ErrorBody { code, message: message.into(), detail: detail.map(Into::into) };
        for sent in [serde_json::to_vec(&body).unwrap(), serde_json::to_vec_pretty(&body).unwrap()] {
            let decoded = ErrorBody::from_slice(&sent).unwrap();
            prop_assert_eq!(&decoded, &body);
            let unescaped = |text: &str| !text.contains(|c: char| c < ' ' || c == '"' || c == '\\');
            prop_assert_eq!(matches!(decoded.message, Cow::Borrowed(_)), unescaped(&body.message));
            let text = std::str::from_utf8(&sent).unwrap();
            prop_assert_eq!(&ErrorBody::from_str(text).unwrap(), &body);
            prop_assert_eq!(&serde_json::from_slice::<ErrorBody>(&sent).unwrap(), &body);
        }
        let decoded = Decoded::<StandardError>::from(body.clone());
        prop_assert_eq!(decoded.error().copied(), StandardError::from_code(code));
        prop_assert_eq!(decoded.body(), &body);
    }

    #[test]
    fn a_code_of_any_other_type_or_range_is_named(code in json_value()) {
        let input = json!({ "code": code, "message": "m" }).to_string();
        let result = ErrorBody::from_str(&input);
        let expected = match &code {
            Value::Number(n) if n.as_u64().is_some_and(|n| n <= u64::from(u32::MAX)) => None,
            Value::Number(n) if n.is_u64() || n.is_i64() => Some(DecodeErrorKind::CodeOutOfRange),
            // serde_json writes every float with a fraction or an exponent.
            _ => Some(DecodeErrorKind::CodeNotInteger),
        };
        match expected {
            None => prop_assert_eq!(Some(result.unwrap().code), code.as_u64().map(|n| n as u32)),
            Some(kind) => prop_assert_eq!(result.unwrap_err().kind(), kind),
        }
    }

    #[test]
    fn a_message_or_detail_of_any_other_type_is_named(value in json_value()) {
        let input = json!({ "code": 1, "message": value }).to_string();
        let result = ErrorBody::from_str(&input);
        match &value {
            Value::String(text) => prop_assert_eq!(&result.unwrap().message, text),
            _ => prop_assert_eq!(result.unwrap_err().kind(), DecodeErrorKind::MessageNotString),
        }
        let input = json!({ "code": 1, "message": "m", "detail": value }).to_string();
        let result = ErrorBody::from_str(&input);
        match &value {
            Value::String(text) => prop_assert_eq!(result.unwrap().detail, Some(Cow::Borrowed(text.as_str()))),
            _ => prop_assert_eq!(result.unwrap_err().kind(), DecodeErrorKind::DetailNotString),
        }
    }

    /// Bodies broken a few bytes at a time go through the fuzz target's
    /// checks: no panic, and the decoders and the oracle agree.
    #[test]
    fn damaged_bodies_pass_the_fuzz_checks(
        error in standard(),
        detail in text(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 1..4),
    ) {
        let mut data = skms_core::to_json_vec(&WithDetail { error, detail: Some(detail) });
        for (index, edit, byte) in edits {
            let at = index.index(data.len() + 1);
            match edit {
                0 => data.insert(at, byte),
                1 if at < data.len() => { data.remove(at); }
                _ if at < data.len() => data[at] = byte,
                _ => data.push(byte),
            }
        }
        fuzz_checks::check_decode(&data);
    }
}

/// Any JSON value, nested a little.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (0u64..=u64::from(u32::MAX)).prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map(text(), inner, 0..3)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}
