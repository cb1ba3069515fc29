//! Generic types derive: lifetimes, type parameters (a transparent one
//! too), const generics and `where` clauses, with the bounds added for what
//! the generated code uses. Generic catalogs that compose:
//! `tests/catalog.rs`; the bounds a generic detail adds:
//! `tests/detail_thiserror.rs`.

use std::error::Error as _;

use skms_core::{Catalog, SkmsError, StandardError};

#[path = "support/round_trip.rs"]
mod round_trip;

#[derive(Debug, PartialEq, SkmsError)]
enum KmsError {
    #[skms(
        code = 60002,
        status = 404,
        msg = "No such vault",
        description = "the vault id matches no vault"
    )]
    NoSuchVault,
}

/// Generics: bounds are added for what the generated code uses.
#[derive(Debug, PartialEq, SkmsError)]
enum Generic<'a, T, E, const N: usize>
where
    T: Copy,
{
    #[skms(
        code = 61001,
        status = 400,
        msg = "Bad value",
        detail = "value {value} in {context}"
    )]
    BadValue { value: T, context: &'a str },
    #[skms(code = 61002, status = 400, msg = "Bad bytes", detail = "{0:?}")]
    BadBytes([u8; N]),
    #[skms(transparent)]
    Inner(E),
}

#[test]
fn generics_lifetimes_and_const_generics_work() {
    let error: Generic<'_, u8, StandardError, 2> = Generic::BadValue {
        value: 7,
        context: "ctx",
    };
    assert_eq!(error.detail().unwrap(), "value 7 in ctx");
    let error: Generic<'_, u8, StandardError, 2> = Generic::BadBytes([1, 2]);
    assert_eq!(error.detail().unwrap(), "[1, 2]");
    let error: Generic<'_, u8, KmsError, 0> = Generic::Inner(KmsError::NoSuchVault);
    assert_eq!(error.code(), 60002);
    assert_eq!(error.to_string(), "[60002] No such vault");
    assert!(error.source().is_none());
    let _: &dyn std::error::Error = &error;
}

/// An SKMS error that borrows.
#[derive(Debug, PartialEq, SkmsError)]
enum Borrowed<'a> {
    #[skms(code = 62001, status = 400, msg = "Bad name", detail = "name {0}")]
    BadName(&'a str),
}

/// A transparent field that names the type's lifetime, in a type with a
/// type parameter too: its catalog is composed when the type is used, not
/// where it is defined, where `'a` cannot be named.
#[derive(Debug, PartialEq, SkmsError)]
enum Outer<'a, E> {
    #[skms(code = 62002, status = 503, msg = "Busy")]
    Busy,
    #[skms(transparent)]
    Inner(Borrowed<'a>),
    #[skms(transparent)]
    Other(E),
}

#[test]
fn a_transparent_field_may_borrow_with_the_types_lifetime() {
    let name = String::from("k1");
    let error: Outer<'_, KmsError> = Outer::Inner(Borrowed::BadName(&name));
    assert_eq!(error.code(), 62001);
    assert_eq!(error.detail().unwrap(), "name k1");
    let variant = |code| <Outer<'_, KmsError> as Catalog>::lookup(code).map(|e| e.variant);
    assert_eq!(variant(62001), Some("BadName"));
    assert_eq!(variant(60002), Some("NoSuchVault"));
    assert_eq!(Outer::<KmsError>::Busy.code(), 62002);
}

/// Every variant of the generic types that the catalog rebuilds comes back
/// as itself; a borrowed `&str` field has nothing to be read into, and a
/// spec is never rebuilt (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    type G<'a> = Generic<'a, u8, KmsError, 2>;
    round_trip::round_trips(&[KmsError::NoSuchVault]);
    round_trip::round_trips(&[G::Inner(KmsError::NoSuchVault)]);
    round_trip::round_trips(&[Generic::<'_, u8, StandardError, 0>::Inner(
        StandardError::InvalidToken,
    )]);
    // A field whose type is a parameter is never read back, and the
    // catalog says so.
    round_trip::never_rebuilt(&[G::BadValue {
        value: u8::MAX,
        context: "value 1 in",
    }]);
    round_trip::never_rebuilt(&[G::BadBytes([1, 2])]);
    round_trip::not_read_back(&[Borrowed::BadName("name")]);
    round_trip::round_trips(&[
        Outer::<'_, KmsError>::Busy,
        Outer::Other(KmsError::NoSuchVault),
    ]);
    round_trip::not_read_back(&[Outer::<'_, KmsError>::Inner(Borrowed::BadName(""))]);
}
