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
