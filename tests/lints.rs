//! The generated code passes the strictest lint settings a user may have:
//! no unsafe, no warnings, no undocumented public items, no needless
//! qualification, no `#[allow]`, and nothing for clippy's pedantic group (CI runs clippy over
//! this file with `-D warnings`).

#![forbid(unsafe_code)]
#![deny(warnings, missing_docs, unused_qualifications)]
#![deny(clippy::all, clippy::pedantic)]
// thiserror's test_lints: a user who bans `#[allow]` (for `#[expect]`) is
// not told about the derive's own.
#![deny(clippy::allow_attributes)]

use core::fmt::{Display, Formatter};
use std::borrow::Cow;
use std::error::Error;

use serde::{Serialize, Serializer};
use skms_core::{Catalog, Entry, SkmsError, StandardError};

/// A service's errors.
#[derive(Debug, SkmsError)]
#[skms(reserved(60002, 60010..=60019 = "the old sealing API"))]
pub enum KmsError<'a, T: Display> {
    /// The key is not in the vault.
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {key_id}"
    )]
    KeyNotFound {
        /// The key that was asked for.
        key_id: T,
    },
    /// A header could not be made.
    #[skms(
        code = 40003,
        status = 400,
        msg = "Failed create header",
        detail = "{0}"
    )]
    Header(&'a str),
    /// The vault is sealed.
    #[skms(
        code = 60001,
        status = 503,
        msg = "Sealed",
        detail = "sealed",
        grpc = "failed_precondition",
        deprecated = "use 60003"
    )]
    Sealed,
    /// The vault's storage failed.
    #[skms(code = 60005, status = 500, msg = "Storage failed", detail = "{0}")]
    Storage(#[from] std::io::Error),
    /// A standard error.
    #[skms(transparent)]
    Standard(#[from] StandardError),
}

/// Errors whose details all have a format spec, so that they are all
/// written by `write!`.
#[derive(Debug, PartialEq, SkmsError)]
pub enum Specified {
    /// A header of a given width.
    #[skms(code = 60003, status = 400, msg = "Header", detail = "{0:>8}")]
    Header(u64),
    /// A key, debugged.
    #[skms(
        code = 60004,
        status = 400,
        msg = "Key",
        detail = "key {key:?} and {size:#x}"
    )]
    Key {
        /// The key.
        key: String,
        /// Its size.
        size: u32,
    },
    /// A standard error.
    #[skms(transparent)]
    Standard(StandardError),
}

/// A struct error.
#[derive(Debug, PartialEq, SkmsError)]
#[skms(code = 60002, status = 500, msg = "Down")]
pub struct Down;

fn assert_traits<T: SkmsError + Serialize + Display + Error + Catalog>() {}

#[test]
fn derived_types_pass_strict_lints() {
    assert_traits::<KmsError<'static, u32>>();
    assert_traits::<Down>();
    let error: KmsError<'_, u32> = KmsError::Header("h");
    assert_eq!(error.detail(), Some(Cow::Borrowed("h")));
    let entries: &[Entry] = KmsError::<'static, u32>::ENTRIES;
    assert_eq!(entries.len(), 4);
    let error: KmsError<'_, u32> = std::io::Error::other("disk full").into();
    assert_eq!(
        error.source().map(ToString::to_string).as_deref(),
        Some("disk full")
    );
    let error: KmsError<'_, u32> = StandardError::InvalidToken.into();
    assert_eq!(error.code(), 40101);
    assert_eq!(Shown(&Down).to_string(), "[60002] Down");
    assert_eq!(to_json(&Down), r#"{"code":60002,"message":"Down"}"#);
    assert_traits::<Specified>();
    let error = Specified::Key {
        key: "k".to_owned(),
        size: 255,
    };
    assert_eq!(error.detail(), Some(Cow::Borrowed(r#"key "k" and 0xff"#)));
    assert_eq!(
        to_json(&Specified::Header(7)),
        r#"{"code":60003,"message":"Header","detail":"       7"}"#
    );
}

// The names the generated code spells out in full are in scope here too, so
// `unused_qualifications` would fire on any of them that it could shorten.
struct Shown<'a>(&'a dyn SkmsError);

impl Display for Shown<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> core::fmt::Result {
        write!(f, "[{}] {}", self.0.code(), self.0.message())
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    fn with<S: Serializer>(value: &impl Serialize, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
    let mut out = Vec::new();
    with(value, &mut serde_json::Serializer::new(&mut out)).unwrap();
    String::from_utf8(out).unwrap()
}

/// What comes back from each variant's body (issue 21, item 7), under the
/// same lints: what the catalog rebuilds comes back as itself; a field
/// whose type is a parameter, a borrowed one and an `io::Error` have
/// nothing to be read into; a spec is never rebuilt.
#[test]
fn every_rebuilt_variant_round_trips() {
    use skms_core::test::assert_round_trip;
    use skms_core::{ErrorBody, FromBody, Rebuilt};

    fn back<E: SkmsError + FromBody>(value: &E) -> Option<E> {
        let json = skms_core::to_json_vec(value);
        E::from_body(&ErrorBody::from_slice(&json).unwrap())
    }
    fn rebuilt<E: Catalog + SkmsError>(value: &E) -> Option<Rebuilt> {
        E::lookup(value.code()).and_then(Entry::rebuilt)
    }
    type Kms = KmsError<'static, u32>;

    assert_eq!(rebuilt(&Kms::Sealed), Some(Rebuilt::Always));
    assert!(matches!(back(&Kms::Sealed), Some(Kms::Sealed)));
    for standard in StandardError::ALL {
        if [40013, 40003].contains(&standard.code()) {
            continue;
        }
        assert!(matches!(
            back(&Kms::Standard(standard)),
            Some(Kms::Standard(came)) if came == standard
        ));
    }
    // `key_id: T`, a parameter: never read back, and the catalog says so.
    assert_eq!(
        rebuilt(&Kms::KeyNotFound { key_id: 7 }),
        Some(Rebuilt::Never)
    );
    assert!(back(&Kms::KeyNotFound { key_id: 7 }).is_none());
    for value in [
        Kms::Header("h"),
        Kms::Storage(std::io::Error::other("full")),
    ] {
        assert_eq!(rebuilt(&value), Some(Rebuilt::FromDetail), "{value:?}");
        assert!(back(&value).is_none(), "{value:?}");
    }
    for value in [
        Specified::Header(8),
        Specified::Key {
            key: "k".into(),
            size: 16,
        },
    ] {
        assert_eq!(rebuilt(&value), Some(Rebuilt::Never), "{value:?}");
        assert_eq!(back(&value), None);
    }
    assert_round_trip(&Specified::Standard(StandardError::InvalidToken));
    assert_round_trip(&Down);
}
