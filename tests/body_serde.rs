//! `ErrorBody`'s serde impls: what its `Deserialize` (through serde_json)
//! accepts and refuses, and its `Serialize`. skms's own decoder,
//! `ErrorBody::from_slice`, which must accept and refuse the same, is
//! tested in `decode.rs` (and against this impl by `decode_props.rs` and the
//! fuzz checks).

use std::borrow::Cow;

use skms_core::{ErrorBody, SkmsError, StandardError};

fn decode(text: &str) -> Result<ErrorBody<'_>, String> {
    serde_json::from_str(text).map_err(|error| error.to_string())
}

#[test]
fn decodes_the_reference_examples() {
    let body = decode(
        r#"{
"code": 40013,
"message": "Key not found in the keyVault",
"detail": "keyId : 0000009"
}"#,
    )
    .unwrap();
    assert_eq!(
        body,
        ErrorBody {
            code: 40013,
            message: "Key not found in the keyVault".into(),
            detail: Some("keyId : 0000009".into()),
        }
    );
    let body = decode(r#"{"code": 50001, "message": "An unexpected error has occurred in the internal system", "detail": "I/O error on GET request for \"https://devkms.softcamp.co.kr:8080/drm/key/0000003\": Connect timed out"}"#).unwrap();
    assert_eq!(body.code, 50001);
    assert!(body
        .detail
        .unwrap()
        .starts_with("I/O error on GET request for \"https://"));
}

#[test]
fn borrows_strings_without_escapes() {
    let body = decode(r#"{"code":1,"message":"plain","detail":"esc\"aped"}"#).unwrap();
    assert!(matches!(body.message, Cow::Borrowed("plain")));
    assert!(matches!(body.detail, Some(Cow::Owned(ref d)) if d == "esc\"aped"));
    let owned: ErrorBody<'static> = body.into_owned();
    assert_eq!(owned.message, "plain");
}

#[test]
fn detail_is_optional_and_unknown_fields_are_ignored() {
    let body = decode(r#"{"extra":[1,{"a":null}],"message":"m","code":7,"trace":"x"}"#).unwrap();
    assert_eq!((body.code, &*body.message, body.detail), (7, "m", None));
}

#[test]
fn refuses_what_the_reference_does_not_allow() {
    for (input, expected) in [
        (r#"{"code":"40013","message":"m"}"#, "an SKMS code"),
        (r#"{"code":40013.0,"message":"m"}"#, "an SKMS code"),
        (r#"{"code":-1,"message":"m"}"#, "an SKMS code"),
        (r#"{"code":4294967296,"message":"m"}"#, "an SKMS code"),
        (r#"{"code":null,"message":"m"}"#, "an SKMS code"),
        (r#"{"message":"m"}"#, "missing field `code`"),
        (r#"{"code":1}"#, "missing field `message`"),
        (r#"{"code":1,"message":5}"#, "a string"),
        (r#"{"code":1,"message":null}"#, "a string"),
        (r#"{"code":1,"message":"m","detail":null}"#, "a string"),
        (r#"{"code":1,"message":"m","detail":{"k":"v"}}"#, "a string"),
        (
            r#"{"code":1,"code":2,"message":"m"}"#,
            "duplicate field `code`",
        ),
        (
            r#"{"code":1,"message":"m","message":"n"}"#,
            "duplicate field `message`",
        ),
        (r#"[40013,"m"]"#, "an SKMS error body"),
        (r#""40013""#, "an SKMS error body"),
        ("not json", "expected"),
        ("", "EOF"),
    ] {
        let error = decode(input).expect_err(input);
        assert!(error.contains(expected), "{input}: {error}");
    }
}

#[test]
fn code_range_edges() {
    assert_eq!(decode(r#"{"code":0,"message":""}"#).unwrap().code, 0);
    assert_eq!(
        decode(r#"{"code":4294967295,"message":""}"#).unwrap().code,
        u32::MAX
    );
}

#[test]
fn every_prefix_of_a_body_is_an_error_not_a_panic() {
    let text = r#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : \u00e9 \"0000009\""}"#;
    assert!(decode(text).is_ok());
    for end in 0..text.len() {
        assert!(decode(&text[..end]).is_err(), "{}", &text[..end]);
    }
    for end in 0..text.len() {
        let bytes = &text.as_bytes()[..end];
        assert!(serde_json::from_slice::<ErrorBody>(bytes).is_err());
    }
}

#[test]
fn serializes_like_the_error_it_was_made_from() {
    #[derive(Debug, PartialEq, SkmsError)]
    enum E {
        #[skms(
            code = 40013,
            status = 400,
            msg = "Key not found in the keyVault",
            detail = "keyId : {0}"
        )]
        KeyNotFound(u32),
    }
    let error = E::KeyNotFound(9);
    // And back (issue 21, item 7).
    skms_core::test::assert_round_trip(&error);
    skms_core::test::assert_round_trip(&E::KeyNotFound(u32::MAX));
    let body = ErrorBody::of(&error);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        serde_json::to_string(&error).unwrap()
    );
    assert_eq!(body.to_string(), error.to_string());
    let body = ErrorBody::of(&StandardError::InvalidToken);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":40101,"message":"Invalid token"}"#
    );
    let json = serde_json::to_string(&body).unwrap();
    let decoded: ErrorBody = serde_json::from_str(&json).unwrap();
    assert_eq!(decoded, body);
}
