//! `Display` of a derived error, `[code] message: detail` (no `: detail`
//! without one), and a `Box<dyn SkmsError>`, which serializes and displays
//! as the type it holds.

use skms_core::{SkmsError, StandardError};

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
    #[skms(
        code = 60002,
        status = 404,
        msg = "No such vault",
        description = "the vault id matches no vault"
    )]
    NoSuchVault,
    #[skms(transparent)]
    Standard(StandardError),
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

#[test]
fn display_shows_code_message_and_detail() {
    let error = KmsError::KeyNotFound {
        key_id: "0000009".into(),
    };
    assert_eq!(
        error.to_string(),
        "[40013] Key not found in the keyVault: keyId : 0000009"
    );
    assert_eq!(KmsError::NoSuchVault.to_string(), "[60002] No such vault");
}

#[test]
fn dyn_skms_error_serializes_and_displays_like_the_type() {
    let errors: Vec<Box<dyn SkmsError>> = vec![
        Box::new(KmsError::CreateHeader(7)),
        Box::new(StandardError::InternalError),
        Box::new(KmsError::Standard(StandardError::InvalidToken)),
    ];
    assert_eq!(
        json(&*errors[0]),
        r#"{"code":40003,"message":"Failed create header","detail":"7"}"#
    );
    assert_eq!(
        json(&errors[1]),
        r#"{"code":50001,"message":"An unexpected error has occurred in the internal system"}"#
    );
    assert_eq!(errors[2].code(), 40101);
    assert_eq!(errors[0].to_string(), "[40003] Failed create header: 7");
}

/// Every variant comes back as itself (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    let mut values = vec![
        KmsError::KeyNotFound {
            key_id: String::new(),
        },
        KmsError::KeyNotFound {
            key_id: "keyId : [40013]".into(),
        },
        KmsError::CreateHeader(u32::MAX),
        KmsError::NoSuchVault,
    ];
    values.extend(
        skms_core::StandardError::ALL
            .into_iter()
            .filter(|error| ![40013, 40003].contains(&error.code()))
            .map(KmsError::Standard),
    );
    round_trip::round_trips(&values);
}
