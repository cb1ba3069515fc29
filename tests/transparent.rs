//! `#[skms(transparent)]`: a variant that forwards code, status, message,
//! detail, `Display` and the body to its one field, which may be any
//! `SkmsError`, a `std::error::Error` or not. Its `source()`:
//! `tests/source.rs`; a transparent struct: `tests/structs.rs`; catalogs
//! included through transparent variants: `tests/catalog.rs`.

use std::borrow::Cow;
use std::error::Error as _;

use skms_core::{Catalog, SkmsError, StandardError};

#[path = "support/round_trip.rs"]
mod round_trip;

#[derive(Debug, PartialEq, SkmsError)]
enum KmsError {
    #[skms(transparent)]
    Standard(StandardError),
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

#[test]
fn transparent_variants_forward_everything() {
    let error = KmsError::Standard(StandardError::PermissionDenied);
    assert_eq!(error.code(), 40301);
    assert_eq!(error.status(), 401);
    assert_eq!(error.message(), "You don't have permission this service");
    assert_eq!(error.detail(), None);
    assert_eq!(json(&error), json(&StandardError::PermissionDenied));
    assert_eq!(
        error.to_string(),
        "[40301] You don't have permission this service"
    );
}

/// A hand-written SkmsError that is not a `std::error::Error`: a transparent
/// variant takes it, and its `source()` is `None`.
#[derive(Debug)]
struct Bare;

impl SkmsError for Bare {
    fn code(&self) -> u32 {
        60009
    }
    fn status(&self) -> u16 {
        500
    }
    fn message(&self) -> &str {
        "Bare"
    }
    fn detail(&self) -> Option<Cow<'_, str>> {
        None
    }
}

impl Catalog for Bare {
    const ENTRIES: &'static [skms_core::Entry] = &[];
}

#[derive(Debug, SkmsError)]
enum WrapsBare {
    #[skms(transparent)]
    Bare(Bare),
}

#[test]
fn a_transparent_field_need_not_be_a_std_error() {
    let error = WrapsBare::Bare(Bare);
    assert!(error.source().is_none());
    assert_eq!(error.to_string(), "[60009] Bare");
}

/// A transparent variant over the standard errors brings each back; one
/// over a hand-written type without `FromBody` brings nothing back (issue
/// 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    round_trip::round_trips(&StandardError::ALL.map(KmsError::Standard));
    assert!(round_trip::decoded(&WrapsBare::Bare(Bare)).is_none());
    assert!(WrapsBare::lookup(60009).is_none());
}
