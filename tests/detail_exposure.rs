//! Detail exposure marks, `#[skms(public_detail)]` and
//! `#[skms(internal_detail)]`: on a variant, or on the enum for its own
//! variants; a transparent variant's exposure is its field's. What a detail
//! policy does with them: `tests/http.rs`.

use skms_core::{Catalog, DetailExposure, SkmsError, StandardError};

/// Exposure marks: on the variant, or on the enum for its own variants.
#[derive(Debug, SkmsError)]
#[skms(internal_detail)]
enum Marked {
    #[skms(code = 50001, detail = "{0}")]
    Internal(String),
    #[skms(code = 60013, status = 400, msg = "Key", detail = "{0}", public_detail)]
    Public(String),
    #[skms(transparent)]
    Standard(StandardError),
}

#[derive(Debug, SkmsError)]
enum Unmarked {
    #[skms(code = 50001, detail = "{0}")]
    Internal(String),
    #[skms(transparent)]
    Marked(Marked),
}

#[test]
fn detail_exposure_marks() {
    assert_eq!(
        Marked::Internal(String::new()).detail_exposure(),
        DetailExposure::Internal
    );
    assert_eq!(
        Marked::Public(String::new()).detail_exposure(),
        DetailExposure::Public
    );
    // A transparent variant's is its field's, not the enum's.
    assert_eq!(
        Marked::Standard(StandardError::InternalError).detail_exposure(),
        DetailExposure::Unmarked
    );
    assert_eq!(
        Unmarked::Internal(String::new()).detail_exposure(),
        DetailExposure::Unmarked
    );
    assert_eq!(
        Unmarked::Marked(Marked::Public(String::new())).detail_exposure(),
        DetailExposure::Public
    );
    assert_eq!(
        Marked::ENTRIES[0].detail_exposure(),
        DetailExposure::Internal
    );
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant comes back as itself, an internal detail too (the body
/// written here carries it); `Marked`'s 50001 inside `Unmarked` comes back
/// as `Unmarked`'s own 50001, which serializes the same (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    use round_trip::round_trips_debug;

    let mut values = vec![
        Marked::Internal("stack".into()),
        Marked::Public(String::new()),
    ];
    values.extend(
        StandardError::ALL
            .into_iter()
            .filter(|error| error.code() != 50001)
            .map(Marked::Standard),
    );
    round_trips_debug(&values);
    round_trips_debug(&[
        Unmarked::Internal("a".into()),
        Unmarked::Marked(Marked::Public("p".into())),
    ]);
    let inner = Unmarked::Marked(Marked::Internal("stack".into()));
    let back = round_trip::decoded(&inner);
    assert!(
        matches!(&back, Some(Unmarked::Internal(text)) if text == "stack"),
        "{back:?}"
    );
}
