//! `std::error::Error::source()` of a derived error: a transparent
//! variant's is its field's own `source()`; an own variant has none.

use std::borrow::Cow;
use std::error::Error as _;
use std::fmt;

use skms_core::{Catalog, SkmsError};

#[path = "support/round_trip.rs"]
mod round_trip;

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

/// A hand-written SkmsError whose `source()` is set, to see that a
/// transparent variant passes it on.
#[derive(Debug)]
struct Upstream(std::io::Error);

impl SkmsError for Upstream {
    fn code(&self) -> u32 {
        50001
    }
    fn status(&self) -> u16 {
        500
    }
    fn message(&self) -> &str {
        "An unexpected error has occurred in the internal system"
    }
    fn detail(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Owned(self.0.to_string()))
    }
}

impl Catalog for Upstream {
    const ENTRIES: &'static [skms_core::Entry] = &[skms_core::Entry::new(
        50001,
        500,
        "An unexpected error has occurred in the internal system",
        "Upstream",
    )];
}

impl fmt::Display for Upstream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("upstream failed")
    }
}

impl std::error::Error for Upstream {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

#[derive(Debug, SkmsError)]
enum Service {
    #[skms(transparent)]
    Upstream(Upstream),
    #[skms(code = 60003, status = 400, msg = "Own")]
    Own,
}

#[test]
fn source_of_a_transparent_variant_is_its_fields() {
    let error = Service::Upstream(Upstream(std::io::Error::other("disk on fire")));
    let source = error.source().expect("the field's source");
    assert_eq!(source.to_string(), "disk on fire");
    assert_eq!(error.detail().unwrap(), "disk on fire");
    assert_eq!(
        json(&error),
        r#"{"code":50001,"message":"An unexpected error has occurred in the internal system","detail":"disk on fire"}"#
    );
    assert!(Service::Own.source().is_none());
}

/// The unit variant comes back; the hand-written type, whose entry says
/// nothing of rebuilding and which has no `FromBody`, does not (issue 21,
/// item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    assert_eq!(
        round_trip::rebuilt(&Service::Own),
        Some(skms_core::Rebuilt::Always)
    );
    assert!(matches!(
        round_trip::decoded(&Service::Own),
        Some(Service::Own)
    ));
    let upstream = Service::Upstream(Upstream(std::io::Error::other("down")));
    assert_eq!(round_trip::rebuilt(&upstream), None);
    assert!(round_trip::decoded(&upstream).is_none());
}
