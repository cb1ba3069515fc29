//! A type can derive `thiserror::Error` and `SkmsError` together:
//! `#[skms(std_error = false)]` leaves `Display` and `Error` to thiserror.

#![cfg(feature = "thiserror")]

use std::error::Error as _;

use skms_core::{SkmsError, StandardError};

#[derive(Debug, thiserror::Error, SkmsError)]
#[skms(std_error = false)]
enum VaultError {
    #[error("key {key_id} is not in the vault")]
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {key_id}"
    )]
    KeyNotFound { key_id: String },

    #[error("vault unreachable")]
    #[skms(
        code = 50001,
        status = 500,
        msg = "An unexpected error has occurred in the internal system"
    )]
    Unreachable(#[source] std::io::Error),

    #[error(transparent)]
    #[skms(transparent)]
    Standard(#[from] StandardError),
}

#[test]
fn thiserror_writes_display_and_source() {
    let error = VaultError::KeyNotFound {
        key_id: "0000009".into(),
    };
    assert_eq!(error.to_string(), "key 0000009 is not in the vault");
    assert_eq!(error.detail().as_deref(), Some("keyId : 0000009"));
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#
    );

    let error = VaultError::Unreachable(std::io::Error::other("timed out"));
    assert_eq!(error.source().unwrap().to_string(), "timed out");
    assert_eq!((error.code(), error.status()), (50001, 500));
}

#[test]
fn both_transparents_agree() {
    let error: VaultError = StandardError::InvalidToken.into();
    assert_eq!(error.code(), 40101);
    // thiserror's transparent Display is the field's, which is the derived one.
    assert_eq!(error.to_string(), "[40101] Invalid token");
}

/// Without `std_error = false` the derive writes `Display` and `Error`
/// itself, so a type deriving only `SkmsError` is a full error type.
#[derive(Debug, SkmsError)]
enum Plain {
    #[skms(code = 40101, status = 401, msg = "Invalid token")]
    InvalidToken,
}

#[test]
fn the_derive_alone_is_an_error_type() {
    fn boxed(
        error: impl std::error::Error + Send + Sync + 'static,
    ) -> Box<dyn std::error::Error + Send + Sync> {
        Box::new(error)
    }
    let error = boxed(Plain::InvalidToken);
    assert_eq!(error.to_string(), "[40101] Invalid token");
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant that the catalog rebuilds comes back as itself; one whose
/// field is only its source is never rebuilt (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    use round_trip::round_trips_debug;

    let mut values = vec![
        VaultError::KeyNotFound {
            key_id: String::new(),
        },
        VaultError::KeyNotFound {
            key_id: "keyId : k".into(),
        },
    ];
    values.extend(
        StandardError::ALL
            .into_iter()
            .filter(|error| ![40013, 50001].contains(&error.code()))
            .map(VaultError::Standard),
    );
    round_trips_debug(&values);
    round_trip::never_rebuilt(&[VaultError::Unreachable(std::io::Error::other("down"))]);
    round_trips_debug(&[Plain::InvalidToken]);
}
