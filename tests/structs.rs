//! A struct derives `SkmsError` with the attribute on itself: named, tuple
//! and unit structs, and a transparent struct, which has no own entries.

use skms_core::{Catalog, SkmsError};

#[path = "support/round_trip.rs"]
mod round_trip;

#[derive(Debug, PartialEq, SkmsError)]
enum KmsError {
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

/// A struct carries the attribute on itself.
#[derive(Debug, PartialEq, SkmsError)]
#[skms(
    code = 40105,
    status = 400,
    msg = "Required value is missing",
    detail = "missing {field}"
)]
struct MissingValue {
    field: &'static str,
}

#[derive(Debug, PartialEq, SkmsError)]
#[skms(
    code = 50002,
    status = 500,
    msg = "SCI Connection failed",
    detail = "{0}:{1}"
)]
struct SciDown(&'static str, u16);

#[derive(Debug, PartialEq, SkmsError)]
#[skms(code = 40101, status = 401, msg = "Invalid token")]
struct BadToken;

#[derive(Debug, PartialEq, SkmsError)]
#[skms(transparent)]
struct Opaque(KmsError);

#[test]
fn structs_work() {
    assert_eq!(
        json(&MissingValue { field: "keyId" }),
        r#"{"code":40105,"message":"Required value is missing","detail":"missing keyId"}"#
    );
    assert_eq!(SciDown("sci", 8443).detail().unwrap(), "sci:8443");
    assert_eq!(
        json(&BadToken),
        r#"{"code":40101,"message":"Invalid token"}"#
    );
    assert_eq!(BadToken::ENTRIES[0].variant, "BadToken");
    let opaque = Opaque(KmsError::CreateHeader(3));
    assert_eq!(
        (opaque.code(), opaque.detail().unwrap()),
        (40003, "3".into())
    );
    assert!(Opaque::ENTRIES.is_empty());
}

/// Every struct that the catalog rebuilds comes back as itself; a
/// `&'static str` field has nothing to be read into (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    round_trip::round_trips(&[KmsError::CreateHeader(0), KmsError::CreateHeader(u32::MAX)]);
    round_trip::round_trips(&[BadToken]);
    round_trip::round_trips(&[Opaque(KmsError::CreateHeader(17))]);
    round_trip::not_read_back(&[MissingValue { field: "keyId" }]);
    round_trip::not_read_back(&[SciDown("host:1", u16::MAX)]);
}
