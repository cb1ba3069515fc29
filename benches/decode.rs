//! Decoding SKMS bodies on the client side, and finding a code in the
//! standard catalog.
//!
//! - `decode/*`: a body into `ErrorBody` (its strings borrowed from the
//!   input) against into a `serde_json::Value`, the untyped alternative;
//! - `from_code/*`: `StandardError::from_code` over every code of the
//!   catalog and a few unknown ones, against a linear search of the entries
//!   (`Catalog::lookup`) and a hand-written `match`.
//!
//! Run with `cargo bench --bench decode`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use skms_core::{Catalog, ErrorBody, StandardError};

const WITH_DETAIL: &str =
    r#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#;
const WITHOUT_DETAIL: &str = r#"{"code":40101,"message":"Invalid token"}"#;
/// With an escape in the detail (which then cannot be borrowed) and a field
/// the reference does not define.
const ESCAPED_UNKNOWN_FIELD: &str = r#"{"code":50001,"message":"An unexpected error has occurred in the internal system","detail":"I/O error on GET request for \"https://devkms.softcamp.co.kr:8080/drm/key/0000003\": Connection refused","timestamp":"2024-05-01T12:00:00Z"}"#;

fn decode(c: &mut Criterion) {
    for (name, text) in [
        ("detail", WITH_DETAIL),
        ("no_detail", WITHOUT_DETAIL),
        ("escaped_unknown_field", ESCAPED_UNKNOWN_FIELD),
    ] {
        // Both decode the same body.
        let body: ErrorBody<'_> = serde_json::from_str(text).unwrap();
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(value["code"], body.code);
        assert_eq!(value["message"], *body.message);
        assert_eq!(
            value.get("detail").and_then(|d| d.as_str()),
            body.detail.as_deref()
        );

        let mut group = c.benchmark_group(format!("decode/{name}"));
        group.bench_function("ErrorBody", |b| {
            b.iter(|| serde_json::from_str::<ErrorBody<'_>>(black_box(text)).unwrap());
        });
        group.bench_function("serde_json::Value", |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(text)).unwrap());
        });
        group.finish();
    }
}

/// The match a service writes without skms.
fn from_code_by_hand(code: u32) -> Option<StandardError> {
    use StandardError as E;
    Some(match code {
        40003 => E::FailedCreateHeader,
        40004 => E::FailedExtractHeader,
        40005 => E::BatchSchedulerFailed,
        40006 => E::OAuthConnectionFailed,
        40007 => E::IntegratedLogServiceFailed,
        40008 => E::KeyVaultServiceFailed,
        40009 => E::ServiceLinkerKeyManagerNotUsed,
        40011 => E::AzureInfoUnavailable,
        40012 => E::RelayClientAccessTokenFailed,
        40013 => E::KeyNotFound,
        40101 => E::InvalidToken,
        40102 => E::CompanyIdNotFound,
        40103 => E::DuplicateDomain,
        40104 => E::DomainNotFound,
        40105 => E::RequiredValueMissing,
        40107 => E::LicenseNotFound,
        40108 => E::LicenseUnavailable,
        40110 => E::HeaderKeyEmpty,
        40111 => E::EncryptionKeyEmpty,
        40112 => E::SciServerIdNotFound,
        40301 => E::PermissionDenied,
        50001 => E::InternalError,
        50002 => E::SciConnectionFailed,
        50003 => E::ServiceLinkerNameNotExist,
        50004 => E::ServiceLinkerUnused,
        50005 => E::SciServiceLinkerRegistrationFailed,
        _ => return None,
    })
}

fn from_code(c: &mut Criterion) {
    // Every code of the catalog, and codes it does not define.
    let codes: Vec<u32> = StandardError::ENTRIES
        .iter()
        .map(|entry| entry.code)
        .chain([0, 40010, 40106, 40302, 99_999, u32::MAX])
        .collect();
    for &code in &codes {
        let found = StandardError::from_code(code);
        assert_eq!(found, from_code_by_hand(code));
        assert_eq!(
            found.map(StandardError::entry),
            StandardError::lookup(code),
            "{code}"
        );
    }

    let mut group = c.benchmark_group("from_code/32_codes");
    group.bench_function("StandardError::from_code", |b| {
        b.iter(|| {
            for &code in black_box(&codes) {
                black_box(StandardError::from_code(code));
            }
        });
    });
    group.bench_function("Catalog::lookup", |b| {
        b.iter(|| {
            for &code in black_box(&codes) {
                black_box(StandardError::lookup(code));
            }
        });
    });
    group.bench_function("hand/match", |b| {
        b.iter(|| {
            for &code in black_box(&codes) {
                black_box(from_code_by_hand(code));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, decode, from_code);
criterion_main!(benches);
