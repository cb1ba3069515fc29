//! An enum derives `SkmsError`: each variant has its code, status, message
//! and detail, and serializes to the body the SKMS reference shows, byte
//! for byte. An enum without variants derives too.

use std::borrow::Cow;

use skms_core::{Catalog, SkmsError};

#[path = "support/round_trip.rs"]
mod round_trip;

#[derive(Debug, PartialEq, SkmsError)]
enum KmsError {
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {key_id}"
    )]
    KeyNotFound { key_id: String },
    #[skms(
        code = 40003,
        status = 400,
        msg = "Failed create header",
        detail = "{0}"
    )]
    CreateHeader(u32),
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

#[test]
fn the_reference_example_byte_for_byte() {
    let error = KmsError::KeyNotFound {
        key_id: "0000009".into(),
    };
    assert_eq!(error.code(), 40013);
    assert_eq!(error.status(), 400);
    assert_eq!(error.message(), "Key not found in the keyVault");
    assert_eq!(error.detail(), Some(Cow::Owned("keyId : 0000009".into())));
    assert!(error.has_detail());
    assert_eq!(
        json(&error),
        r#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#
    );
    assert_eq!(
        json(&KmsError::CreateHeader(4020)),
        r#"{"code":40003,"message":"Failed create header","detail":"4020"}"#
    );
}

/// An enum without variants is allowed, as serde allows it.
#[derive(Debug, SkmsError)]
enum Never {}

#[test]
fn an_empty_enum_derives() {
    fn is_an_skms_error<T: SkmsError + serde::Serialize + std::error::Error + Catalog>() {}
    is_an_skms_error::<Never>();
    assert!(Never::ENTRIES.is_empty());
    assert!(Never::catalog().is_empty());
}

/// Every variant comes back as itself (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    round_trip::round_trips(&[
        KmsError::KeyNotFound {
            key_id: " : ".into(),
        },
        KmsError::KeyNotFound {
            key_id: "é\u{0}\n".into(),
        },
        KmsError::CreateHeader(0),
        KmsError::CreateHeader(u32::MAX),
    ]);
}
