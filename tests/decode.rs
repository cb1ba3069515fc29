//! The client side: received bodies decoded into `ErrorBody` by skms's own
//! decoder (`ErrorBody::from_slice`, `from_str`), with an error for every way
//! a body can be wrong, and rebuilt into typed errors with `FromBody` and
//! `Decoded`. The serde `Deserialize` impl of `ErrorBody` is tested in
//! `body_serde.rs`.

use std::borrow::Cow;
use std::error::Error as _;

use skms_core::{
    Catalog, DecodeError, DecodeErrorKind, Decoded, ErrorBody, FromBody, SkmsError, StandardError,
};

#[path = "support/round_trip.rs"]
mod round_trip;

/// The reference's three example bodies, as the reference writes them (the
/// fuzz seeds; tests/fuzz_seeds.rs checks them against the reference text).
const REFERENCE_EXAMPLES: [&str; 3] = [
    include_str!("../fuzz/seeds/reference-40013.json"),
    include_str!("../fuzz/seeds/reference-40003.json"),
    include_str!("../fuzz/seeds/reference-50001.json"),
];

fn error_of(input: &str) -> DecodeError {
    let error = ErrorBody::from_str(input).expect_err(input);
    // The bytes and the text decoders report the same error.
    assert_eq!(ErrorBody::from_slice(input.as_bytes()).unwrap_err(), error);
    // And the `Deserialize` impl refuses it too.
    assert!(serde_json::from_str::<ErrorBody>(input).is_err(), "{input}");
    error
}

#[test]
fn the_reference_examples_decode_into_standard_errors() {
    let expected = [
        (StandardError::KeyNotFound, "keyId : 0000009"),
        (StandardError::FailedCreateHeader, "4020"),
        (StandardError::InternalError, "I/O error on GET request for \"https://devkms.softcamp.co.kr:8080/drm/7FDKQsEK-QVGKyXA2-fx1LxIzy-SNIre0s9/key/0000003\": Connect to devkms.softcamp.co.kr:8080 [devkms.softcamp.co.kr/10.14.10.171] failed: Connection timed out: connect; nested exception is org.apache.http.conn.HttpHostConnectException: Connect to devkms.softcamp.co.kr:8080 [devkms.softcamp.co.kr/10.14.10.171] failed: Connection timed out: connect"),
    ];
    for (input, (error, detail)) in REFERENCE_EXAMPLES.iter().zip(expected) {
        let body = ErrorBody::from_str(input).unwrap();
        assert_eq!(body.code, error.code());
        assert_eq!(body.message, error.message());
        assert_eq!(body.detail.as_deref(), Some(detail));

        let decoded = Decoded::<StandardError>::from_str(input).unwrap();
        assert_eq!(decoded.error(), Some(&error));
        assert_eq!(decoded.detail(), Some(detail));
        assert_eq!(decoded.message(), decoded.catalog_message().unwrap());
        let parsed: Decoded<StandardError> = input.parse().unwrap();
        assert_eq!(parsed, decoded);
    }
}

#[test]
fn strings_are_borrowed_unless_escaped() {
    let body =
        ErrorBody::from_slice(br#"{"code":1,"message":"plain","detail":"esc\"aped"}"#).unwrap();
    assert!(matches!(body.message, Cow::Borrowed("plain")));
    assert!(matches!(body.detail, Some(Cow::Owned(ref d)) if d == "esc\"aped"));
    let body = ErrorBody::from_str(r#"{"code":1,"message":"\u00e9","detail":"é"}"#).unwrap();
    assert!(matches!(body.message, Cow::Owned(ref m) if m == "é"));
    assert!(matches!(body.detail, Some(Cow::Borrowed("é"))));
}

#[test]
fn accepts_what_the_deserialize_impl_accepts() {
    for input in [
        r#"{"code":0,"message":""}"#,
        r#"{"code":4294967295,"message":"m"}"#,
        r#"  {"message":"m","code":7}  "#,
        r#"{"extra":[1,{"a":null}],"code":7,"message":"m","trace":"x","detail":""}"#,
        // Unknown fields are skipped without being read closely.
        r#"{"x":1e400,"code":7,"message":"m"}"#,
        r#"{"co\u0064e":7,"message":"m"}"#,
        "{\"code\":7,\"message\":\"tab\\t, quote \\\", astral \\ud83d\\udd11 🔑\"}",
    ] {
        let ours = ErrorBody::from_str(input).expect(input);
        let serde: ErrorBody = serde_json::from_str(input).expect(input);
        assert_eq!(ours, serde, "{input}");
    }
}

/// Every kind of `DecodeErrorKind`, with the text of its error.
#[test]
fn every_kind_of_error_says_what_is_wrong() {
    let cases = [
        ("", DecodeErrorKind::NotJson, "not JSON: EOF while parsing a value at line 1 column 0"),
        ("not json", DecodeErrorKind::NotJson, "not JSON: expected ident at line 1 column 2"),
        (r#"{"code":1,"message":"m""#, DecodeErrorKind::NotJson, "not JSON: EOF while parsing an object at line 1 column 23"),
        (r#"{"code":1,"message":"m"} {}"#, DecodeErrorKind::NotJson, "not JSON: trailing characters at line 1 column 26"),
        ("{\"code\":1,\"message\":\"a\u{1}\"}", DecodeErrorKind::NotJson, "not JSON: control character (\\u0000-\\u001F) found while parsing a string at line 1 column 22"),
        ("[40013, \"m\"]", DecodeErrorKind::NotAnObject, "expected an object with `code` and `message`, found an array at line 1 column 1"),
        (r#""40013""#, DecodeErrorKind::NotAnObject, "expected an object with `code` and `message`, found a string at line 1 column 1"),
        ("null", DecodeErrorKind::NotAnObject, "expected an object with `code` and `message`, found null at line 1 column 1"),
        (r#"{"message":"m"}"#, DecodeErrorKind::MissingCode, "`code` is missing at line 1 column 15"),
        (r#"{"code":"40013","message":"m"}"#, DecodeErrorKind::CodeNotInteger, "`code` must be an integer, found the string \"40013\" at line 1 column 9"),
        (r#"{"code":40013.0,"message":"m"}"#, DecodeErrorKind::CodeNotInteger, "`code` must be an integer, found the number 40013.0 at line 1 column 9"),
        (r#"{"code":4e4,"message":"m"}"#, DecodeErrorKind::CodeNotInteger, "`code` must be an integer, found the number 4e4 at line 1 column 9"),
        (r#"{"code":1e400,"message":"m"}"#, DecodeErrorKind::CodeNotInteger, "`code` must be an integer, found the number 1e400 at line 1 column 9"),
        (r#"{"code":null,"message":"m"}"#, DecodeErrorKind::CodeNotInteger, "`code` must be an integer, found null at line 1 column 9"),
        (r#"{"code":true,"message":"m"}"#, DecodeErrorKind::CodeNotInteger, "`code` must be an integer, found a boolean at line 1 column 9"),
        (r#"{"code":[1],"message":"m"}"#, DecodeErrorKind::CodeNotInteger, "`code` must be an integer, found an array at line 1 column 9"),
        (r#"{"code":{},"message":"m"}"#, DecodeErrorKind::CodeNotInteger, "`code` must be an integer, found an object at line 1 column 9"),
        (r#"{"code":-1,"message":"m"}"#, DecodeErrorKind::CodeOutOfRange, "`code` must be from 0 to 4294967295, found -1 at line 1 column 9"),
        (r#"{"code":-0,"message":"m"}"#, DecodeErrorKind::CodeOutOfRange, "`code` must be from 0 to 4294967295, found -0 at line 1 column 9"),
        (r#"{"code":4294967296,"message":"m"}"#, DecodeErrorKind::CodeOutOfRange, "`code` must be from 0 to 4294967295, found 4294967296 at line 1 column 9"),
        (r#"{"code":123456789012345678901234567890123456789012345678901234567890,"message":"m"}"#, DecodeErrorKind::CodeOutOfRange, "`code` must be from 0 to 4294967295, found 1234567890123456789012345678901234567890… at line 1 column 9"),
        (r#"{"code":1}"#, DecodeErrorKind::MissingMessage, "`message` is missing at line 1 column 10"),
        (r#"{"code":1,"message":5}"#, DecodeErrorKind::MessageNotString, "`message` must be a string, found the number 5 at line 1 column 21"),
        (r#"{"code":1,"message":null}"#, DecodeErrorKind::MessageNotString, "`message` must be a string, found null at line 1 column 21"),
        (r#"{"code":1,"message":["m"]}"#, DecodeErrorKind::MessageNotString, "`message` must be a string, found an array at line 1 column 21"),
        (r#"{"code":1,"message":"\ud800"}"#, DecodeErrorKind::MessageNotString, "`message` is not a valid string: unexpected end of hex escape at line 1 column 21"),
        (r#"{"code":1,"message":"m","detail":null}"#, DecodeErrorKind::DetailNotString, "`detail` must be a string, found null at line 1 column 34"),
        (r#"{"code":1,"message":"m","detail":{"k":"v"}}"#, DecodeErrorKind::DetailNotString, "`detail` must be a string, found an object at line 1 column 34"),
        (r#"{"code":1,"message":"m","detail":false}"#, DecodeErrorKind::DetailNotString, "`detail` must be a string, found a boolean at line 1 column 34"),
        (r#"{"code":1,"code":2,"message":"m"}"#, DecodeErrorKind::DuplicateField, "`code` appears more than once at line 1 column 18"),
        (r#"{"code":1,"message":"m","message":"m"}"#, DecodeErrorKind::DuplicateField, "`message` appears more than once at line 1 column 35"),
        (r#"{"code":1,"message":"m","detail":"a","detail":"a"}"#, DecodeErrorKind::DuplicateField, "`detail` appears more than once at line 1 column 47"),
    ];
    for (input, kind, text) in cases {
        let error = error_of(input);
        assert_eq!(error.kind(), kind, "{input}");
        assert_eq!(
            error.to_string(),
            format!("invalid SKMS error body: {text}"),
            "{input}"
        );
        assert!(error.source().is_none());
    }
}

#[test]
fn bytes_that_are_not_utf8_are_not_json() {
    let error = ErrorBody::from_slice(b"{\"code\":1,\"message\":\"\xff\"}").unwrap_err();
    assert_eq!(error.kind(), DecodeErrorKind::NotJson);
    assert_eq!((error.line(), error.column()), (1, 22));
}

#[test]
fn a_value_of_the_wrong_type_is_pointed_at() {
    let error = error_of("{\n  \"code\": 40013,\n  \"message\": null\n}");
    assert_eq!(error.kind(), DecodeErrorKind::MessageNotString);
    assert_eq!((error.line(), error.column()), (3, 14));
}

#[test]
fn a_repeated_field_is_pointed_at_its_second_value() {
    // Found by the fuzzer: serde_json alone would point past the key, at the
    // start of a later line.
    let error = error_of("{\n\"code\": 1,\n\"code\"\n\n: 2, \"message\": \"m\"}");
    assert_eq!(error.kind(), DecodeErrorKind::DuplicateField);
    assert_eq!((error.line(), error.column()), (5, 3));
}

#[test]
fn the_first_problem_is_the_one_reported() {
    // A wrong code before a missing message: the code.
    assert_eq!(
        error_of(r#"{"code":"1"}"#).kind(),
        DecodeErrorKind::CodeNotInteger
    );
    // A wrong detail before a missing code: the detail.
    assert_eq!(
        error_of(r#"{"detail":1,"message":"m"}"#).kind(),
        DecodeErrorKind::DetailNotString
    );
    // A syntax error after a type error is never reached.
    assert_eq!(
        error_of(r#"{"code":null,"message":"#).kind(),
        DecodeErrorKind::CodeNotInteger
    );
}

#[test]
fn what_the_error_quotes_is_short_and_cannot_forge_a_log_line() {
    let long = format!(r#"{{"code":"{}","message":"m"}}"#, "A".repeat(10_000));
    let text = error_of(&long).to_string();
    assert!(text.len() < 150, "{text}");
    assert!(text.contains(r#"found the string "AAAA"#), "{text}");

    let sneaky = r#"{"code":"\u2028[ERROR] forged\u202e line 🔑","message":"m"}"#;
    let text = error_of(sneaky).to_string();
    assert!(!text.contains(['\u{2028}', '\u{202e}', '\n']), "{text}");
    assert!(
        text.contains(r"\u2028[ERROR] forged\u202e line \u{1f511}"),
        "{text}"
    );
}

#[test]
fn every_prefix_of_a_body_is_an_error_not_a_panic() {
    let text = REFERENCE_EXAMPLES[2];
    for end in 0..text.len() {
        let error = ErrorBody::from_slice(&text.as_bytes()[..end]).unwrap_err();
        assert_eq!(error.kind(), DecodeErrorKind::NotJson, "{}", &text[..end]);
    }
}

#[test]
fn serde_jsons_private_keys_are_unknown_fields() {
    // Found by the fuzzer: `serde_json::Value` reads an object with this key
    // as the JSON inside its value. The decoder must not be fooled.
    for key in [
        "$serde_json::private::RawValue",
        "$serde_json::private::Number",
    ] {
        let input = format!(r#"{{"{key}":"{{\"code\":1,\"message\":\"m\"}}"}}"#);
        assert_eq!(
            error_of(&input).kind(),
            DecodeErrorKind::MissingCode,
            "{input}"
        );
        let input = format!(r#"{{"{key}":"1","code":7,"message":"m"}}"#);
        let body = ErrorBody::from_str(&input).unwrap();
        assert_eq!(body, serde_json::from_str::<ErrorBody>(&input).unwrap());
        assert_eq!((body.code, &*body.message), (7, "m"));
    }
}

#[test]
fn deep_nesting_is_skipped_or_refused_without_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let input = format!(r#"{{"code":1,"message":"m","x":{deep}}}"#);
    let body = ErrorBody::from_str(&input).unwrap();
    assert_eq!(body, serde_json::from_str::<ErrorBody>(&input).unwrap());
    assert_eq!((body.code, &*body.message), (1, "m"));

    let input = format!(r#"{{"code":{deep},"message":"m"}}"#);
    assert_eq!(error_of(&input).kind(), DecodeErrorKind::CodeNotInteger);
    assert_eq!(error_of(&deep).kind(), DecodeErrorKind::NotAnObject);
}

#[test]
fn a_known_code_with_another_message_is_decoded_by_its_code() {
    let decoded = Decoded::<StandardError>::from_str(
        r#"{"code":40101,"message":"Token expired or invalid (v2)","detail":"exp"}"#,
    )
    .unwrap();
    assert_eq!(decoded.error(), Some(&StandardError::InvalidToken));
    assert!(decoded.is_known());
    assert_eq!(decoded.message(), "Token expired or invalid (v2)");
    assert_eq!(decoded.catalog_message(), Some("Invalid token"));
    assert_eq!(decoded.detail(), Some("exp"));
    // What was received is what is shown and passed on.
    assert_eq!(
        decoded.to_string(),
        "[40101] Token expired or invalid (v2): exp"
    );
    assert_eq!(
        serde_json::to_string(&decoded).unwrap(),
        r#"{"code":40101,"message":"Token expired or invalid (v2)","detail":"exp"}"#
    );
}

#[test]
fn an_unknown_code_is_kept_whole() {
    let input = r#"{"code":40999,"message":"Quota exceeded","detail":"\"team-7\" used 100%"}"#;
    let decoded = Decoded::<StandardError>::from_str(input).unwrap();
    assert_eq!(decoded.error(), None);
    assert!(!decoded.is_known());
    assert_eq!(decoded.catalog_message(), None);
    assert_eq!(decoded.code(), 40999);
    assert_eq!(decoded.message(), "Quota exceeded");
    assert_eq!(decoded.detail(), Some("\"team-7\" used 100%"));
    assert_eq!(serde_json::to_string(&decoded).unwrap(), input);
    assert_eq!(
        decoded.to_string(),
        "[40999] Quota exceeded: \"team-7\" used 100%"
    );
    let (error, body) = decoded.clone().into_parts();
    assert_eq!(error, None);
    assert_eq!(body, ErrorBody::from_str(input).unwrap());
    assert_eq!(ErrorBody::from(decoded), body);
}

#[test]
fn decoded_is_an_error_for_question_marks() {
    fn call() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let body = br#"{"code":50002,"message":"SCI Connection failed"}"#;
        Err(Decoded::<StandardError>::from_slice(body)?)?
    }
    let error = call().unwrap_err();
    assert_eq!(error.to_string(), "[50002] SCI Connection failed");
    let decoded = error.downcast::<Decoded<StandardError>>().unwrap();
    assert_eq!(decoded.error(), Some(&StandardError::SciConnectionFailed));
}

#[test]
fn decoded_deserializes_through_serde() {
    let decoded: Decoded<StandardError> =
        serde_json::from_str(r#"{"code":50004,"message":"Service Linker is Unused"}"#).unwrap();
    assert_eq!(decoded.error(), Some(&StandardError::ServiceLinkerUnused));
    assert!(serde_json::from_str::<Decoded<StandardError>>(r#"{"code":"50004"}"#).is_err());
    let body = ErrorBody {
        code: 50004,
        message: "Service Linker is Unused".into(),
        detail: None,
    };
    assert_eq!(Decoded::<StandardError>::from(body), decoded);
}

#[test]
fn every_standard_code_is_rebuilt_and_no_other() {
    for error in StandardError::ALL {
        let body = ErrorBody::of(&error);
        assert_eq!(StandardError::from_body(&body), Some(error));
    }
    let known = |code| {
        StandardError::ENTRIES
            .iter()
            .any(|entry| entry.code == code)
    };
    for code in (0..70_000).chain([u32::MAX]) {
        let body = ErrorBody {
            code,
            message: "m".into(),
            detail: None,
        };
        assert_eq!(
            StandardError::from_body(&body).is_some(),
            known(code),
            "{code}"
        );
    }
}

/// A service's enum with the three kinds of variants a decoder can rebuild,
/// and one it cannot; the derive writes its `FromBody`.
#[derive(Debug, PartialEq, SkmsError)]
enum VaultError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(code = 60002, status = 400, msg = "Bad key id")]
    BadKeyId(#[skms(detail)] String),
    #[skms(
        code = 60003,
        status = 400,
        msg = "Key expired",
        detail = "key {key} expired at {at}"
    )]
    KeyExpired { key: String, at: u64 },
    #[skms(transparent)]
    Standard(StandardError),
    #[skms(transparent)]
    Boxed(Box<NestedError>),
}

#[derive(Debug, PartialEq, SkmsError)]
enum NestedError {
    #[skms(code = 61001, status = 500, msg = "Nested")]
    Nested,
}

#[test]
fn a_service_enum_rebuilds_what_it_can_and_keeps_the_rest() {
    let decode = |input: &str| Decoded::<VaultError>::from_str(input).unwrap();

    let decoded = decode(r#"{"code":60001,"message":"Vault sealed","detail":"since 09:00"}"#);
    assert_eq!(decoded.error(), Some(&VaultError::Sealed));
    assert_eq!(decoded.detail(), Some("since 09:00"));

    let decoded = decode(r#"{"code":60002,"message":"Bad key id","detail":"k/../9"}"#);
    assert_eq!(
        decoded.error(),
        Some(&VaultError::BadKeyId("k/../9".into()))
    );
    assert_eq!(decoded.error().unwrap().detail().as_deref(), Some("k/../9"));
    // The detail variant without a detail: kept, not made up.
    let decoded = decode(r#"{"code":60002,"message":"Bad key id"}"#);
    assert_eq!(decoded.error(), None);
    assert_eq!(decoded.code(), 60002);

    // A detail formatted from several fields is read back into them.
    let sent = VaultError::KeyExpired {
        key: "k9".into(),
        at: 17,
    };
    let decoded = Decoded::<VaultError>::from_slice(&skms_core::to_json_vec(&sent)).unwrap();
    assert_eq!(decoded.error(), Some(&sent));
    assert_eq!(decoded.code(), sent.code());
    assert_eq!(decoded.detail(), Some("key k9 expired at 17"));
    // One that does not read back (`at` is a u64) is kept with its code.
    let decoded =
        decode(r#"{"code":60003,"message":"Key expired","detail":"key k9 expired at noon"}"#);
    assert_eq!(decoded.error(), None);
    assert_eq!(decoded.code(), 60003);

    let decoded = decode(r#"{"code":40013,"message":"Key not found in the keyVault"}"#);
    assert_eq!(
        decoded.error(),
        Some(&VaultError::Standard(StandardError::KeyNotFound))
    );
    assert_eq!(decoded.error().unwrap().status(), 400);

    let decoded = decode(r#"{"code":61001,"message":"Nested"}"#);
    assert_eq!(
        decoded.error(),
        Some(&VaultError::Boxed(Box::new(NestedError::Nested)))
    );

    let decoded = decode(r#"{"code":60404,"message":"From a newer server"}"#);
    assert_eq!(decoded.error(), None);
    assert_eq!(decoded.message(), "From a newer server");
}

#[test]
fn a_received_body_displays_without_forging_log_lines() {
    let received = br#"{"code":40013,"message":"Key not found\r\n","detail":"keyId : 9\n2026-11-30T00:00:00Z  INFO audit: ok\u001b[2J\u2028"}"#;
    let decoded = Decoded::<StandardError>::from_slice(received).unwrap();
    // The fields hold what was received ...
    assert_eq!(
        decoded.detail(),
        Some("keyId : 9\n2026-11-30T00:00:00Z  INFO audit: ok\u{1b}[2J\u{2028}")
    );
    // ... and what a log receives through Display is one line, escaped.
    assert_eq!(
        decoded.to_string(),
        r"[40013] Key not found\r\n: keyId : 9\n2026-11-30T00:00:00Z  INFO audit: ok\u{1b}[2J\u{2028}"
    );
    assert_eq!(decoded.body().to_string(), decoded.to_string());
}

/// Every variant comes back as itself, with values that hold the detail's
/// separators (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    let mut values = vec![
        VaultError::Sealed,
        VaultError::BadKeyId(String::new()),
        VaultError::BadKeyId(" expired at 5".into()),
        VaultError::KeyExpired {
            key: String::new(),
            at: 0,
        },
        VaultError::KeyExpired {
            key: "key k expired at 3".into(),
            at: u64::MAX,
        },
        VaultError::KeyExpired {
            key: "鍵 🔑".into(),
            at: 17,
        },
    ];
    values.extend(StandardError::ALL.map(VaultError::Standard));
    round_trip::round_trips(&values);
    round_trip::round_trips(&[NestedError::Nested]);
    // A boxed value comes back boxed: the only variant with its code.
    round_trip::round_trips(&[VaultError::Boxed(Box::new(NestedError::Nested))]);
}
