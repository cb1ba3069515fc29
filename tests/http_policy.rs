//! A service that installs its own detail policy: every integration answers
//! with it. Its own test binary, since the policy is one per process.

#![cfg(feature = "http")]

use skms_core::{DetailPolicy, SkmsError};

#[derive(Debug, PartialEq, SkmsError)]
enum VaultError {
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {0}"
    )]
    KeyNotFound(u32),
    #[skms(
        code = 50001,
        status = 500,
        msg = "An unexpected error has occurred in the internal system",
        detail = "{0}"
    )]
    Internal(&'static str),
}

/// One test: the order of install and first use is what is tested.
#[test]
fn an_installed_policy_is_the_one_every_integration_answers_with() {
    // Upside down, to tell it from the default: 5xx details sent, 4xx ones withheld.
    let policy = DetailPolicy::DEFAULT
        .show_server_error_details(true)
        .show_client_error_details(false);
    policy.install().unwrap();
    assert_eq!(DetailPolicy::installed(), policy);

    let response: http::Response<Vec<u8>> = VaultError::Internal("disk full").into();
    assert_eq!(
        response.body(),
        br#"{"code":50001,"message":"An unexpected error has occurred in the internal system","detail":"disk full"}"#
    );
    let response: http::Response<Vec<u8>> = VaultError::KeyNotFound(9).into();
    assert_eq!(
        response.body(),
        br#"{"code":40013,"message":"Key not found in the keyVault"}"#
    );

    #[cfg(feature = "axum")]
    {
        use axum::response::IntoResponse;
        let response = VaultError::Internal("disk full").into_response();
        let body = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(axum::body::to_bytes(response.into_body(), 1024))
            .unwrap();
        assert!(body.ends_with(br#","detail":"disk full"}"#));
    }

    #[cfg(feature = "actix-web")]
    {
        use actix_web::ResponseError;
        let response = VaultError::KeyNotFound(9).error_response();
        let body = actix_web::body::to_bytes(response.into_body());
        let body = actix_web::rt::System::new().block_on(body).unwrap();
        assert_eq!(
            body,
            &br#"{"code":40013,"message":"Key not found in the keyVault"}"#[..]
        );
    }

    // The policy in force stays.
    let again = DetailPolicy::DEFAULT.install().unwrap_err();
    assert_eq!(again.in_force(), policy);
    assert!(again.to_string().contains("already in force"), "{again}");
    assert_eq!(DetailPolicy::installed(), policy);
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// `KeyNotFound` comes back as itself; a `&'static str` field has nothing
/// to be read into (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    round_trip::round_trips(&[
        VaultError::KeyNotFound(0),
        VaultError::KeyNotFound(u32::MAX),
    ]);
    round_trip::not_read_back(&[VaultError::Internal("hsm")]);
}
