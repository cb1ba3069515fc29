//! The decoder the derive writes (`FromBody`): which variants come back from
//! a body, and which bodies are kept whole.

use std::fmt;

use skms_core::{Catalog, Decoded, ErrorBody, FromBody, SkmsError, StandardError};

#[path = "support/round_trip.rs"]
mod round_trip;

fn body(code: u32, detail: Option<&str>) -> ErrorBody<'static> {
    ErrorBody {
        code,
        message: "whatever the server says".into(),
        detail: detail.map(|d| d.to_owned().into()),
    }
}

/// Displays, but does not parse back.
#[derive(Debug, PartialEq)]
struct KeyRef(u32);

impl fmt::Display for KeyRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "key#{}", self.0)
    }
}

#[derive(Debug, PartialEq, SkmsError)]
enum KmsError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    /// Reuses 40013 and marks its field as the detail.
    #[skms(code = 40013)]
    KeyNotFound(#[skms(detail)] String),
    #[skms(code = 40003)]
    Header {
        #[skms(detail)]
        code: u32,
    },
    #[skms(code = 60002, status = 400, msg = "Bad key")]
    BadKey(#[skms(detail)] KeyRef),
    #[skms(code = 60003, status = 400, msg = "Two fields", detail = "{0}/{1}")]
    TwoFields(String, String),
    /// One field, formatted into the detail but not marked as the detail.
    #[skms(code = 60004, status = 400, msg = "One field", detail = "key {0}")]
    OneField(String),
    #[skms(transparent)]
    Standard(StandardError),
}

#[test]
fn own_variants_come_back_when_they_can() {
    assert_eq!(
        KmsError::from_body(&body(60001, None)),
        Some(KmsError::Sealed)
    );
    assert_eq!(
        KmsError::from_body(&body(40013, Some("keyId : 0000009"))),
        Some(KmsError::KeyNotFound("keyId : 0000009".into()))
    );
    assert_eq!(
        KmsError::from_body(&body(40003, Some("4020"))),
        Some(KmsError::Header { code: 4020 })
    );
    // A detail that does not parse, or none: kept, not made up.
    assert_eq!(KmsError::from_body(&body(40003, Some("x"))), None);
    assert_eq!(KmsError::from_body(&body(40013, None)), None);
    // A field type without FromStr is never rebuilt.
    assert_eq!(KmsError::from_body(&body(60002, Some("key#9"))), None);
    // Fields formatted into the detail are read back from it: the texts
    // around them matched, each field's text parsed.
    assert_eq!(
        KmsError::from_body(&body(60003, Some("a/b"))),
        Some(KmsError::TwoFields("a".into(), "b".into()))
    );
    assert_eq!(
        KmsError::from_body(&body(60004, Some("key 7"))),
        Some(KmsError::OneField("7".into()))
    );
    // The text around the field must be there.
    assert_eq!(KmsError::from_body(&body(60004, Some("7"))), None);
    assert_eq!(
        KmsError::OneField("7".into()).detail().as_deref(),
        Some("key 7")
    );
    let two = KmsError::TwoFields("a".into(), "b".into());
    assert_eq!(two.detail().as_deref(), Some("a/b"));
}

#[test]
fn included_catalogs_come_after_own_codes() {
    assert_eq!(
        KmsError::from_body(&body(50001, Some("x"))),
        Some(KmsError::Standard(StandardError::InternalError))
    );
    // 40013 is the vault's own: without a detail it is not rebuilt, and it
    // never falls back to the standard variant of the same code.
    assert_eq!(KmsError::from_body(&body(40013, None)), None);
    assert_eq!(KmsError::from_body(&body(70000, None)), None);
    assert_eq!(
        StandardError::from_body(&body(40301, None)),
        Some(StandardError::PermissionDenied)
    );
}

#[test]
fn decoded_keeps_the_whole_body() {
    let decoded = Decoded::<KmsError>::from_body(body(40013, None));
    assert!(!decoded.is_known());
    assert_eq!(decoded.code(), 40013);
    assert_eq!(decoded.message(), "whatever the server says");
    let decoded = Decoded::<KmsError>::from_body(body(40101, Some("expired")));
    assert_eq!(
        decoded.error(),
        Some(&KmsError::Standard(StandardError::InvalidToken))
    );
    assert_eq!(decoded.detail(), Some("expired"));
    assert_eq!(decoded.catalog_message(), Some("Invalid token"));
}

/// Every value the decoder answers has the body's code, over the whole
/// composed catalog.
#[test]
fn rebuilt_values_have_the_bodys_code() {
    for listed in KmsError::catalog().iter() {
        for detail in [None, Some("1")] {
            let body = body(listed.entry.code, detail);
            if let Some(error) = KmsError::from_body(&body) {
                assert_eq!(error.code(), body.code);
            }
        }
    }
}

/// A hand-written SkmsError without FromBody rebuilds nothing; a generic
/// field does through its bound.
#[derive(Debug, PartialEq)]
struct Hand;

impl SkmsError for Hand {
    fn code(&self) -> u32 {
        64001
    }
    fn status(&self) -> u16 {
        500
    }
    fn message(&self) -> &str {
        "Hand"
    }
    fn detail(&self) -> Option<std::borrow::Cow<'_, str>> {
        None
    }
}

impl Catalog for Hand {
    const ENTRIES: &'static [skms_core::Entry] =
        &[skms_core::Entry::new(64001, 500, "Hand", "Hand")];
}

#[derive(Debug, PartialEq, SkmsError)]
enum Outer<E> {
    #[skms(transparent)]
    Hand(Hand),
    #[skms(transparent)]
    Inner(E),
}

#[derive(Debug, PartialEq, SkmsError)]
#[skms(code = 65001, status = 400, msg = "Unit struct")]
struct UnitStruct;

#[test]
fn transparent_fields_without_from_body_and_generics() {
    assert_eq!(Outer::<StandardError>::from_body(&body(64001, None)), None);
    assert_eq!(Outer::<StandardError>::Hand(Hand).code(), 64001);
    assert_eq!(
        Outer::<StandardError>::from_body(&body(40101, None)),
        Some(Outer::Inner(StandardError::InvalidToken))
    );
    assert_eq!(UnitStruct::from_body(&body(65001, None)), Some(UnitStruct));
    assert_eq!(UnitStruct::from_body(&body(65002, None)), None);
}

/// The derived decoder finds every code of a catalog, and nothing between
/// them (it searches the sorted codes).
#[test]
fn every_standard_code_and_none_between() {
    for error in StandardError::ALL {
        let code = error.code();
        assert_eq!(StandardError::from_body(&body(code, None)), Some(error));
        for near in [code - 1, code + 1] {
            assert_eq!(
                StandardError::from_body(&body(near, None)),
                StandardError::from_code(near)
            );
        }
    }
    for code in [0, 1, 39999, 50006, u32::MAX] {
        assert_eq!(StandardError::from_body(&body(code, None)), None);
    }
}

/// Every variant whose detail reads back comes back as itself; `BadKey`'s
/// field displays but does not parse, and a hand-written catalog has no
/// `FromBody` to rebuild with (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    let mut values = vec![
        KmsError::Sealed,
        KmsError::KeyNotFound(String::new()),
        KmsError::KeyNotFound("keyId : ключ".into()),
        KmsError::Header { code: u32::MAX },
        KmsError::Header { code: 0 },
        KmsError::TwoFields(String::new(), String::new()),
        KmsError::TwoFields("é".into(), "c/d/".into()),
        KmsError::OneField("key key 1".into()),
    ];
    values.extend(
        StandardError::ALL
            .into_iter()
            .filter(|error| ![40013, 40003].contains(&error.code()))
            .map(KmsError::Standard),
    );
    round_trip::round_trips(&values);
    // A `/` in the first field: the detail splits at the first `/`.
    round_trip::comes_back_as(
        &KmsError::TwoFields("a/b".into(), "/".into()),
        &KmsError::TwoFields("a".into(), "b//".into()),
    );
    round_trip::not_read_back(&[KmsError::BadKey(KeyRef(7))]);
    round_trip::round_trips(&[UnitStruct]);
    round_trip::round_trips(&[
        Outer::Inner(KmsError::Sealed),
        Outer::Inner(KmsError::Header { code: 3 }),
    ]);
    assert_eq!(round_trip::rebuilt(&Outer::<KmsError>::Hand(Hand)), None);
    assert_eq!(round_trip::decoded(&Outer::<KmsError>::Hand(Hand)), None);
}
