//! `#[from]`, as thiserror users write it: on the one field of a variant,
//! `impl From<Field> for E`, so that `?` converts. A transparent variant
//! converts into its field's code, status, message and detail, and passes
//! on its field's `source()`; a variant with an entry of its own keeps its
//! code, status and message, and its field is its source.

use std::error::Error;
use std::fmt::Debug;

use skms_core::{SkmsError, StandardError};

#[path = "support/round_trip.rs"]
mod round_trip;

/// An inner service's error, itself converting from `io::Error`.
#[derive(Debug, SkmsError)]
enum TokenError {
    #[skms(code = 60101, status = 401, msg = "Token expired", detail = "at {0}")]
    Expired(u64),
    #[skms(code = 60102, status = 503, msg = "Token store unreachable")]
    Store(#[from] std::io::Error),
}

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(transparent)]
    Standard(#[from] StandardError),
    #[skms(transparent)]
    Token(#[from] TokenError),
    #[skms(code = 60001, status = 400, msg = "Bad key number", detail = "{0}")]
    BadNumber(#[from] std::num::ParseIntError),
    #[skms(code = 60002, status = 500, msg = "Storage failed")]
    Storage {
        #[from]
        source: Box<dyn Error + Send + Sync>,
    },
    #[skms(code = 60003, status = 500, msg = "Sealed")]
    Sealed,
}

fn parse_key(text: &str) -> Result<u32, KmsError> {
    Ok(text.parse::<u32>()?)
}

fn check_token(expired: bool) -> Result<(), KmsError> {
    if expired {
        Err(TokenError::Expired(1_700_000_000))?;
    }
    Err(TokenError::from(std::io::Error::other(
        "connection refused",
    )))?;
    Ok(())
}

fn authorize() -> Result<(), KmsError> {
    Err(StandardError::InvalidToken)?
}

/// The code, status, message and detail that a client sees.
fn seen(error: &impl SkmsError) -> (u32, u16, &str, Option<String>) {
    (
        error.code(),
        error.status(),
        error.message(),
        error.detail().map(Into::into),
    )
}

#[test]
fn a_transparent_variant_converts_into_its_fields_code() {
    let error = authorize().unwrap_err();
    assert!(matches!(
        error,
        KmsError::Standard(StandardError::InvalidToken)
    ));
    assert_eq!(seen(&error), (40101, 401, "Invalid token", None));
    assert_eq!(error.to_string(), "[40101] Invalid token");
    // Transparent: the field's own source, and `StandardError` has none.
    assert!(error.source().is_none());

    let error = check_token(true).unwrap_err();
    assert_eq!(
        seen(&error),
        (60101, 401, "Token expired", Some("at 1700000000".into()))
    );
    assert!(error.source().is_none());
}

#[test]
fn a_transparent_variant_passes_its_fields_source_on() {
    let error = check_token(false).unwrap_err();
    assert!(matches!(error, KmsError::Token(TokenError::Store(_))));
    assert_eq!(seen(&error), (60102, 503, "Token store unreachable", None));
    // The chain skips the transparent layer, as thiserror's transparent
    // does: the first source is the io::Error under `TokenError::Store`.
    let source = error.source().unwrap();
    assert_eq!(source.to_string(), "connection refused");
    assert!(source.downcast_ref::<std::io::Error>().is_some());
    assert!(source.source().is_none());
}

#[test]
fn a_variant_of_its_own_keeps_its_code_and_holds_the_source() {
    let error = parse_key("0x12").unwrap_err();
    assert!(matches!(error, KmsError::BadNumber(_)));
    assert_eq!(
        seen(&error),
        (
            60001,
            400,
            "Bad key number",
            Some("invalid digit found in string".into())
        )
    );
    let source = error.source().unwrap();
    assert!(source.downcast_ref::<std::num::ParseIntError>().is_some());
    assert_eq!(parse_key("17").unwrap(), 17);

    let inner = TokenError::from(std::io::Error::other("refused"));
    assert_eq!(
        inner
            .source()
            .unwrap()
            .downcast_ref::<std::io::Error>()
            .unwrap()
            .to_string(),
        "refused"
    );
    assert_eq!(seen(&inner), (60102, 503, "Token store unreachable", None));
}

/// A boxed trait object is not an `Error` itself: its source is the object
/// inside the box.
#[test]
fn a_boxed_error_is_the_source() {
    fn store() -> Result<(), KmsError> {
        let boxed: Box<dyn Error + Send + Sync> = "disk full".into();
        Err(boxed)?
    }
    let error = store().unwrap_err();
    assert_eq!(seen(&error), (60002, 500, "Storage failed", None));
    assert_eq!(error.source().unwrap().to_string(), "disk full");
    assert!(KmsError::Sealed.source().is_none());
}

/// On a struct's one field.
#[derive(Debug, SkmsError)]
#[skms(code = 60010, status = 503, msg = "Vault unreachable", detail = "{0}")]
struct Unreachable(#[from] std::io::Error);

#[test]
fn a_struct_converts_too() {
    fn connect() -> Result<(), Unreachable> {
        Err(std::io::Error::other("timed out"))?
    }
    let error = connect().unwrap_err();
    assert_eq!(
        seen(&error),
        (60010, 503, "Vault unreachable", Some("timed out".into()))
    );
    assert_eq!(error.source().unwrap().to_string(), "timed out");
}

/// A field whose type is a parameter, transparent or of a variant's own.
#[derive(Debug, SkmsError)]
enum Wrapper<E: Debug> {
    #[skms(transparent)]
    Inner(#[from] E),
}

#[derive(Debug, SkmsError)]
enum Failed<T: Debug> {
    #[skms(code = 60020, status = 500, msg = "Backend failed", detail = "{0}")]
    Backend(#[from] T),
}

#[test]
fn generic_fields_convert() {
    fn wrapped() -> Result<(), Wrapper<StandardError>> {
        Err(StandardError::InvalidToken)?
    }
    let error = wrapped().unwrap_err();
    assert_eq!(seen(&error), (40101, 401, "Invalid token", None));

    fn failed() -> Result<(), Failed<std::io::Error>> {
        Err(std::io::Error::other("down"))?
    }
    let error = failed().unwrap_err();
    assert_eq!(
        seen(&error),
        (60020, 500, "Backend failed", Some("down".into()))
    );
    assert_eq!(error.source().unwrap().to_string(), "down");
}

/// Under `std_error = false`, `#[from]` is thiserror's, which writes `From`
/// and `source()`: the derive writes neither, so there is one `From`.
#[cfg(feature = "thiserror")]
#[derive(Debug, SkmsError, thiserror::Error)]
#[skms(std_error = false)]
enum WithThiserror {
    #[error("storage failed")]
    #[skms(code = 60030, status = 500, msg = "Storage failed")]
    Storage(#[from] std::io::Error),
    #[error(transparent)]
    #[skms(transparent)]
    Standard(#[from] StandardError),
}

#[cfg(feature = "thiserror")]
#[test]
fn thiserror_writes_from_under_std_error_false() {
    fn store() -> Result<(), WithThiserror> {
        Err(std::io::Error::other("disk full"))?
    }
    let error = store().unwrap_err();
    assert_eq!(error.to_string(), "storage failed");
    assert_eq!(seen(&error), (60030, 500, "Storage failed", None));
    assert_eq!(error.source().unwrap().to_string(), "disk full");

    let error = WithThiserror::from(StandardError::KeyNotFound);
    assert_eq!(seen(&error).0, StandardError::KeyNotFound.code());
}

/// What comes back from each variant's body (issue 21, item 7): the types
/// hold errors without `PartialEq`, so the values are matched. A source
/// that the detail displays has no `FromStr`, and one that it leaves out is
/// never rebuilt.
#[test]
fn every_rebuilt_variant_round_trips() {
    use round_trip::{decoded, never_rebuilt, not_read_back};
    use skms_core::Rebuilt;

    let expired = TokenError::Expired(u64::MAX);
    assert_eq!(round_trip::rebuilt(&expired), Some(Rebuilt::FromDetail));
    assert!(matches!(
        decoded(&expired),
        Some(TokenError::Expired(u64::MAX))
    ));
    never_rebuilt(&[TokenError::Store(std::io::Error::other("down"))]);

    for standard in StandardError::ALL {
        assert!(matches!(
            decoded(&KmsError::Standard(standard)),
            Some(KmsError::Standard(back)) if back == standard
        ));
    }
    assert!(matches!(
        decoded(&KmsError::Token(TokenError::Expired(0))),
        Some(KmsError::Token(TokenError::Expired(0)))
    ));
    assert_eq!(
        round_trip::rebuilt(&KmsError::Sealed),
        Some(Rebuilt::Always)
    );
    assert!(matches!(decoded(&KmsError::Sealed), Some(KmsError::Sealed)));
    never_rebuilt(&[
        KmsError::Token(TokenError::Store(std::io::Error::other("down"))),
        KmsError::Storage {
            source: "disk full".into(),
        },
    ]);
    not_read_back(&[parse_key("x").unwrap_err()]);
    not_read_back(&[Unreachable(std::io::Error::other("timed out"))]);
    never_rebuilt(&[Failed::Backend(std::io::Error::other("down"))]);
    assert!(matches!(
        decoded(&Wrapper::Inner(StandardError::InvalidToken)),
        Some(Wrapper::Inner(StandardError::InvalidToken))
    ));
}

#[cfg(feature = "thiserror")]
#[test]
fn every_rebuilt_variant_round_trips_beside_thiserror() {
    round_trip::never_rebuilt(&[WithThiserror::Storage(std::io::Error::other("full"))]);
    assert!(matches!(
        round_trip::decoded(&WithThiserror::Standard(StandardError::KeyNotFound)),
        Some(WithThiserror::Standard(StandardError::KeyNotFound))
    ));
}
