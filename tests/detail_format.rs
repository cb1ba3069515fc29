//! What a variant's detail is: a format over its fields (specs pass
//! through, positional and named fields mix, widths come from fields, raw
//! identifiers), a fixed text (borrowed, its braces unescaped), one field
//! marked `#[skms(detail)]`, or none, and then the body has no `detail` key.
//! Every spec kind against `format!` itself: `tests/detail_specs.rs`.

use std::borrow::Cow;

use skms_core::SkmsError;

#[path = "support/round_trip.rs"]
mod round_trip;

#[derive(Debug, PartialEq, SkmsError)]
enum KmsError {
    #[skms(
        code = 60001,
        status = 503,
        msg = "Vault sealed",
        detail = "the vault is sealed; try {{later}}"
    )]
    Sealed,
    #[skms(
        code = 60002,
        status = 404,
        msg = "No such vault",
        description = "the vault id matches no vault"
    )]
    NoSuchVault,
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

#[test]
fn a_fixed_detail_is_borrowed_and_unescaped() {
    let error = KmsError::Sealed;
    assert!(matches!(
        error.detail(),
        Some(Cow::Borrowed("the vault is sealed; try {later}"))
    ));
    assert_eq!(error.status(), 503);
    assert_eq!(
        json(&error),
        r#"{"code":60001,"message":"Vault sealed","detail":"the vault is sealed; try {later}"}"#
    );
}

#[test]
fn no_detail_leaves_the_key_out() {
    let error = KmsError::NoSuchVault;
    assert_eq!(error.detail(), None);
    assert!(!error.has_detail());
    assert_eq!(json(&error), r#"{"code":60002,"message":"No such vault"}"#);
}

/// Format specs pass through, positional and named fields mix, widths can
/// come from fields.
#[derive(Debug, PartialEq, SkmsError)]
enum Formats {
    #[skms(
        code = 1,
        status = 400,
        msg = "m",
        detail = "[{0:>5}] [{1:?}] [{0:#06x}]"
    )]
    Tuple(u32, &'static str),
    #[skms(
        code = 2,
        status = 400,
        msg = "m",
        detail = "[{name:>width$}] [{name:<width$}] [{ratio:.2}] [{ratio:e}]"
    )]
    Named {
        name: String,
        width: usize,
        ratio: f64,
    },
    #[skms(code = 3, status = 400, msg = "m", detail = "{r#type} {type}")]
    Raw { r#type: char },
    #[skms(
        code = 4,
        status = 400,
        msg = "m",
        detail = "unused fields are fine: {1}"
    )]
    Unused(#[allow(dead_code)] u8, u8, #[allow(dead_code)] u8),
}

#[test]
fn format_specs_work() {
    assert_eq!(
        Formats::Tuple(42, "q\"x").detail().unwrap(),
        r#"[   42] ["q\"x"] [0x002a]"#
    );
    let named = Formats::Named {
        name: "ab".into(),
        width: 4,
        ratio: 1234.5,
    };
    assert_eq!(
        named.detail().unwrap(),
        "[  ab] [ab  ] [1234.50] [1.2345e3]"
    );
    assert_eq!(Formats::Raw { r#type: 'k' }.detail().unwrap(), "k k");
    assert_eq!(
        Formats::Unused(1, 2, 3).detail().unwrap(),
        "unused fields are fine: 2"
    );
    assert_eq!(
        json(&Formats::Tuple(1, "\\")),
        r#"{"code":1,"message":"m","detail":"[    1] [\"\\\\\"] [0x0001]"}"#
    );
}

/// `#[skms(detail)]` on a field makes the field the detail.
#[derive(Debug, PartialEq, SkmsError)]
enum Marked {
    #[skms(code = 40013)]
    KeyNotFound(#[skms(detail)] String),
    #[skms(code = 40003)]
    Header {
        #[skms(detail)]
        code: u32,
    },
}

#[test]
fn a_field_marked_as_the_detail() {
    assert_eq!(
        serde_json::to_string(&Marked::KeyNotFound("keyId : 0000009".into())).unwrap(),
        r#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#
    );
    assert_eq!(Marked::Header { code: 4020 }.detail().unwrap(), "4020");
}

/// The fixed details and the plain fields come back; a spec, or a field
/// the detail leaves out, is never rebuilt (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    round_trip::round_trips(&[KmsError::Sealed, KmsError::NoSuchVault]);
    // The same field twice: both places must agree.
    round_trip::round_trips(&[
        Formats::Raw { r#type: ' ' },
        Formats::Raw { r#type: '🔑' },
        Formats::Raw { r#type: '{' },
    ]);
    round_trip::never_rebuilt(&[
        Formats::Tuple(u32::MAX, "x"),
        Formats::Named {
            name: "n".into(),
            width: 3,
            ratio: 0.5,
        },
        Formats::Unused(1, 2, 3),
    ]);
    round_trip::round_trips(&[
        Marked::KeyNotFound(String::new()),
        Marked::KeyNotFound("{0} {{}}".into()),
        Marked::Header { code: u32::MAX },
    ]);
}
