//! Generic types derive: lifetimes, type parameters (a transparent one
//! too), const generics and `where` clauses, with the bounds added for what
//! the generated code uses. Generic catalogs that compose:
//! `tests/catalog.rs`; the bounds a generic detail adds:
//! `tests/detail_thiserror.rs`.

use std::error::Error as _;

use skms_core::{SkmsError, StandardError};

#[derive(Debug, SkmsError)]
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
#[derive(Debug, SkmsError)]
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
