//! `SkmsError::write_json`, the fast path, writes exactly the bytes that
//! serde_json writes for the `Serialize` impl.

use std::borrow::Cow;

use skms_core::{Catalog, DetailExposure, SkmsError, StandardError};

/// Details that a hostile or unlucky server could put on the wire.
const HOSTILE: &[&str] = &[
    "",
    "plain",
    "quote \" and backslash \\ and slash /",
    "controls \u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f}\u{7f}",
    "unicode é ü 漢字 \u{2028}\u{2029} astral 🔑𝄞",
    "I/O error on GET request for \"https://devkms.softcamp.co.kr:8080/drm/7FDKQsEK-QVGKyXA2-fx1LxIzy-SNIre0s9/key/0000003\": Connect to devkms.softcamp.co.kr:8080 [devkms.softcamp.co.kr/10.14.10.171] failed",
    "{\"code\":1}",
];

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {0}"
    )]
    KeyNotFound(String),
    #[skms(
        code = 60001,
        status = 400,
        msg = "A \"quoted\"\tmessage\\ with \u{1} controls é",
        detail = "{0:?}"
    )]
    Odd(String),
    #[skms(
        code = 60002,
        status = 400,
        msg = "Fixed",
        detail = "fixed \"detail\"\n"
    )]
    Fixed,
    #[skms(code = 60003, status = 400, msg = "None")]
    Nothing,
    #[skms(transparent)]
    Standard(StandardError),
    #[skms(transparent)]
    Hand(Hand),
}

/// A hand-written impl takes the trait's default `write_json`.
#[derive(Debug)]
struct Hand(String);

impl SkmsError for Hand {
    fn code(&self) -> u32 {
        4_294_967_295
    }
    fn status(&self) -> u16 {
        599
    }
    fn message(&self) -> &str {
        "hand \"written\""
    }
    fn detail(&self) -> Option<Cow<'_, str>> {
        (!self.0.is_empty()).then_some(Cow::Borrowed(self.0.as_str()))
    }
}

impl Catalog for Hand {
    const ENTRIES: &'static [skms_core::Entry] = &[skms_core::Entry::new(
        4_294_967_295,
        599,
        "hand \"written\"",
        "Hand",
    )];
}

fn check<E: SkmsError + serde::Serialize + ?Sized>(error: &E) {
    let mut fast = b"prefix kept:".to_vec();
    error.write_json(&mut fast);
    let serde = serde_json::to_vec(error).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&fast[12..]),
        String::from_utf8_lossy(&serde)
    );
    assert_eq!(&fast[..12], b"prefix kept:");
    assert_eq!(skms_core::to_json_vec(error), serde);
}

#[test]
fn the_whole_standard_catalog() {
    for error in StandardError::ALL {
        check(&error);
        check(&KmsError::Standard(error));
        check(&error as &dyn SkmsError);
    }
}

#[test]
fn hostile_details() {
    for detail in HOSTILE {
        check(&KmsError::KeyNotFound((*detail).to_owned()));
        check(&KmsError::Odd((*detail).to_owned()));
        check(&KmsError::Hand(Hand((*detail).to_owned())));
        check(&Hand((*detail).to_owned()) as &dyn SkmsError);
    }
    check(&KmsError::Fixed);
    check(&KmsError::Nothing);
}

#[test]
fn every_derived_entry() {
    assert_eq!(KmsError::ENTRIES.len(), 4);
    check(&KmsError::Odd(String::new()));
}

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
