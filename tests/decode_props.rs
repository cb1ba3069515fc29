//! Property tests of decoding: what is serialized decodes back unchanged,
//! whatever the catalog entry and whatever the Unicode of the detail, and
//! every wrong type of every field gets the error of its kind.

#![cfg(feature = "proptest")]

use std::borrow::Cow;

use proptest::prelude::*;
use serde_json::{json, Value};
use skms_core::{DecodeErrorKind, Decoded, ErrorBody, FromBody, SkmsError, StandardError};

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
/// prefixes, which `write_json` writes.
#[derive(Debug, PartialEq, SkmsError)]
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

    /// Every value of `Derived` comes back as itself, whatever its detail;
    /// but the standard 40013, whose code the own variant answers, reading
    /// a detail that its body does not have (issue 21, item 7).
    #[test]
    fn every_derived_value_round_trips(detail in text(), error in standard()) {
        skms_core::test::assert_round_trip(&Derived::KeyNotFound(detail));
        let sent = Derived::Standard(error);
        let back = Derived::from_body(&ErrorBody::from_slice(&skms_core::to_json_vec(&sent)).unwrap());
        if error.code() == 40013 {
            prop_assert_eq!(back, None);
        } else {
            prop_assert_eq!(back, Some(sent));
        }
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

/// Whitespace as JSON allows it, and the none that compact JSON has.
fn whitespace() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "", "", " ", "\n", "\t", "\r\n  "])
}

/// The JSON text of a string: mostly any text as serde_json escapes it;
/// sometimes escaped another way, broken, or not a string at all.
fn string_value() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => text().prop_map(|text| serde_json::to_string(&text).unwrap()),
        2 => prop::sample::select(vec![
            r#""\ud83d\udd11 \u00e9 \/ \b\f""#, r#""\u00e9""#, r#""é""#, "\"\\\"\"", r#""\\""#,
        ]).prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            r#""\ud800""#, r#""\udc00""#, r#""\ud800\u0041""#, r#""\ud800\""#, r#""\x""#,
            r#""\u12""#, r#""\u00G0""#, "\"a\u{1}\"", r#""a"#, "null", "1", "[]", "{}",
        ]).prop_map(str::to_owned),
    ]
}

/// The JSON text of a code: mostly one within range, sometimes out of range
/// or not an integer.
fn code_value() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => any::<u32>().prop_map(|code| code.to_string()),
        1 => prop::sample::select(vec![
            "0", "00", "01", "-0", "-1", "1.0", "1e3", "1E+3", "4294967296", "12345678901",
            "99999999999999999999", "\"1\"", "null", "true", "[1]", "{}", "1.", "-", "+1",
        ]).prop_map(str::to_owned),
    ]
}

/// The value of a field that the reference does not define.
fn unknown_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => string_value(),
        4 => prop::sample::select(vec![
            "1", "-1.5e+3", "0.25", "1e400", "true", "false", "null", "[]", "{}",
            r#"[1,{"code":2}]"#, r#"{"message":null}"#,
        ]).prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            "01", "1.", "1e", "-", "nul", "truex", "[", "}", "[1,]",
        ]).prop_map(str::to_owned),
    ]
}

/// A body put together from its fields and unknown ones, in any order,
/// with any whitespace, now and then a field repeated or a key escaped, a
/// value or a delimiter broken: mostly bodies, and the near misses around
/// them where the scanner could go wrong.
fn assembled_body() -> impl Strategy<Value = String> {
    let unknown_key = prop::sample::select(vec![
        "x",
        "traceId",
        "",
        "Code",
        "$serde_json::private::RawValue",
        "co\\u0064e",
    ]);
    let rare_key = prop::sample::select(vec!["code", "message", "detail", "co\\u0064e"]);
    let fields = (
        code_value(),
        string_value(),
        prop::option::weighted(0.6, string_value()),
        prop::collection::vec((unknown_key, unknown_value()), 0..3),
        prop::option::weighted(0.1, (rare_key, string_value(), code_value())),
    )
        .prop_map(|(code, message, detail, unknown, rare)| {
            let mut fields = vec![("code", code), ("message", message)];
            fields.extend(detail.map(|detail| ("detail", detail)));
            fields.extend(unknown);
            if let Some((key, string, code)) = rare {
                fields.push((
                    key,
                    if key == "message" || key == "detail" {
                        string
                    } else {
                        code
                    },
                ));
            }
            fields
        })
        .prop_shuffle();
    let separator = prop_oneof![
        20 => Just(","),
        1 => prop::sample::select(vec![",,", "", ";"]),
    ];
    let field_layout = (whitespace(), whitespace(), whitespace(), separator);
    let end = prop_oneof![
        20 => Just("}"),
        1 => prop::sample::select(vec![",}", "", "}}", "} x", "]"]),
    ];
    (
        whitespace(),
        fields,
        prop::collection::vec(field_layout, 6),
        end,
        whitespace(),
    )
        .prop_map(|(start, fields, layout, end, after)| {
            let mut body = format!("{start}{{");
            let count = fields.len();
            for (index, ((key, value), (before, colon, after, separator))) in
                fields.into_iter().zip(layout).enumerate()
            {
                body.push_str(&format!("{before}\"{key}\"{colon}:{after}{value}"));
                if index + 1 < count {
                    body.push_str(separator);
                }
            }
            body.push_str(end);
            body.push_str(after);
            body
        })
}

proptest! {
    #![proptest_config(config())]

    /// Whatever serde_json writes for a body, compact or pretty, is a plain
    /// body: the scanner decodes it, and as the precise decoder does.
    #[test]
    fn what_serde_json_writes_is_scanned(
        code in any::<u32>(),
        message in text(),
        detail in prop::option::of(text()),
    ) {
        let body = ErrorBody { code, message: message.into(), detail: detail.map(Into::into) };
        for sent in [serde_json::to_vec(&body).unwrap(), serde_json::to_vec_pretty(&body).unwrap()] {
            let fast = skms_core::__private::decode_fast_path(&sent);
            prop_assert_eq!(fast.as_ref(), Some(&body));
            prop_assert_eq!(skms_core::__private::decode_precise(&sent).ok(), fast);
        }
    }

    /// Bodies and near misses go through the fuzz target's checks, which
    /// compare the scanner and the precise decoder.
    #[test]
    fn assembled_bodies_pass_the_fuzz_checks(body in assembled_body()) {
        fuzz_checks::check_decode(body.as_bytes());
    }
}

/// The assembled bodies reach both halves of the decoder: the scanner
/// decodes some, and the precise decoder decodes or refuses the rest.
#[test]
fn assembled_bodies_reach_both_paths() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let (mut fast, mut precise_ok, mut precise_err) = (0, 0, 0);
    for _ in 0..2000 {
        let body = assembled_body().new_tree(&mut runner).unwrap().current();
        let data = body.as_bytes();
        match (
            skms_core::__private::decode_fast_path(data),
            skms_core::__private::decode_precise(data),
        ) {
            (Some(_), _) => fast += 1,
            (None, Ok(_)) => precise_ok += 1,
            (None, Err(_)) => precise_err += 1,
        }
    }
    assert!(
        fast >= 20 && precise_ok >= 20 && precise_err >= 20,
        "{fast} {precise_ok} {precise_err}"
    );
}
