#![allow(dead_code)]

//! Every variant of a test's types, as the catalog says it comes back from
//! its body (issue 21, item 7): a test lists a value of each variant under
//! what it expects, so that a variant that stops coming back, or starts to,
//! fails there.

use std::fmt::Debug;

use skms_core::test::assert_round_trip;
use skms_core::{Catalog, ErrorBody, FromBody, Rebuilt, SkmsError};

/// What the catalog says of `value`'s variant.
#[track_caller]
#[must_use]
pub fn rebuilt<E: Catalog + SkmsError + Debug>(value: &E) -> Option<Rebuilt> {
    let Some(entry) = E::lookup(value.code()) else {
        panic!("{value:?}: code {} not in the catalog", value.code())
    };
    entry.rebuilt()
}

/// The value that `value`'s body decodes as, if any.
#[track_caller]
#[must_use]
pub fn decoded<E: SkmsError + FromBody + Debug>(value: &E) -> Option<E> {
    let json = skms_core::to_json_vec(value);
    let body = ErrorBody::from_slice(&json)
        .unwrap_or_else(|error| panic!("{value:?}: its body does not decode: {error}"));
    E::from_body(&body)
}

/// Each value is of a variant that the catalog says is rebuilt (always, or
/// from the detail) and comes back as itself.
#[track_caller]
pub fn round_trips<E: Catalog + SkmsError + FromBody + PartialEq + Debug>(values: &[E]) {
    for value in values {
        assert!(
            matches!(rebuilt(value), Some(Rebuilt::Always | Rebuilt::FromDetail)),
            "{value:?}: the catalog says {:?}",
            rebuilt(value)
        );
        assert_round_trip(value);
    }
}

/// Each value is of a variant that the catalog says is never rebuilt, and
/// its body decodes as no value of the type.
#[track_caller]
pub fn never_rebuilt<E: Catalog + SkmsError + FromBody + Debug>(values: &[E]) {
    for value in values {
        assert_eq!(rebuilt(value), Some(Rebuilt::Never), "{value:?}");
        let back = decoded(value);
        assert!(back.is_none(), "{value:?} came back as {back:?}");
    }
}

/// Each value is of a variant rebuilt from the detail as far as the derive
/// sees, whose field type does not read back (no `FromStr`, as
/// `Rebuilt::FromDetail` warns): its body decodes as no value of the type.
#[track_caller]
pub fn not_read_back<E: Catalog + SkmsError + FromBody + Debug>(values: &[E]) {
    for value in values {
        assert_eq!(rebuilt(value), Some(Rebuilt::FromDetail), "{value:?}");
        let back = decoded(value);
        assert!(back.is_none(), "{value:?} came back as {back:?}");
    }
}

/// `value`'s detail splits more than one way (`"{0}/{1}"` with a `/` in a
/// value): its body comes back as another value, `expected`, which
/// serializes the same.
#[track_caller]
pub fn comes_back_as<E: SkmsError + FromBody + PartialEq + Debug>(value: &E, expected: &E) {
    assert_ne!(value, expected);
    assert_eq!(decoded(value).as_ref(), Some(expected), "{value:?}");
    assert_eq!(
        skms_core::to_json_vec(value),
        skms_core::to_json_vec(expected)
    );
}

/// [`round_trips`] for a type without `PartialEq` (a test of the derive's
/// hygiene adds no derive of its own): the value that comes back is the
/// same as far as `Debug` and the body written tell.
#[track_caller]
pub fn round_trips_debug<E: Catalog + SkmsError + FromBody + Debug>(values: &[E]) {
    for value in values {
        assert!(
            matches!(rebuilt(value), Some(Rebuilt::Always | Rebuilt::FromDetail)),
            "{value:?}: the catalog says {:?}",
            rebuilt(value)
        );
        let Some(back) = decoded(value) else {
            panic!("{value:?} does not come back")
        };
        assert_eq!(format!("{back:?}"), format!("{value:?}"));
        assert_eq!(skms_core::to_json_vec(&back), skms_core::to_json_vec(value));
    }
}
