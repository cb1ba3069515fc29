//! The client side: a received body rebuilt as a typed error, or kept whole,
//! whatever the format it came in. `Decoded`'s other constructors are with
//! their format: `from_slice` and `from_str` in `json/decode.rs`,
//! `from_status` in `tonic.rs`.

use core::fmt;
use std::boxed::Box;
use std::rc::Rc;
use std::sync::Arc;

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

use crate::{ErrorBody, SkmsError};

/// A type that can rebuild the error a received body stands for.
///
/// `from_body` looks at the body's **code** and answers the value of `Self`
/// that the code stands for, or `None` when `Self` has no variant that can be
/// rebuilt from this body. It never guesses: a code that `Self` does not
/// define is `None`, never a neighbouring or "generic" variant. The body's
/// `message` is not consulted, since a server of another version may word it
/// differently; [`Decoded`] keeps the received message.
///
/// A value it answers must have the body's code (`error.code() == body.code`
/// for an [`SkmsError`]): [`Decoded`] relies on it.
///
/// `#[derive(SkmsError)]` implements it, [`StandardError`](crate::StandardError) included, variant
/// by variant; the type's own codes come first:
///
/// - a variant without fields (a unit variant, with or without a fixed
///   detail): when the body has its code;
/// - a variant whose fields all appear in its `detail`, none with a format
///   spec (`detail = "keyId : {key_id}"`, `detail = "{0} v{1}"`, a field
///   named twice included), up to eight fields: from `body.detail`, when it
///   reads back. The texts of the detail are matched, each field's text is
///   parsed with the field's `FromStr` and kept only when its `Display`
///   writes that very text again, so the value rebuilt formats to exactly
///   the detail received. Where the detail can be split more ways than one
///   (`"{a}-{b}"` with a `-` inside a value), the first split that reads
///   back is taken, the first field shortest first: the value may differ
///   from the one sent, never its detail. A field whose type has no
///   `FromStr` (or a type parameter) makes the variant never rebuilt, and
///   compiles all the same. The search is bounded: the bytes that it parses
///   and scans are at most 16 times the detail's length (64 KiB at least),
///   whatever the sender wrote; a detail that would need more is not
///   rebuilt;
/// - a variant whose only field is marked `#[skms(detail)]`: from
///   `body.detail`, parsed whole with the field's `FromStr`, and only when
///   the body has a detail that parses;
/// - any other variant of the type's own (a field left out of the detail,
///   or written with a spec such as `{id:?}` or `{n:>5}`, which cannot be
///   read back) cannot be rebuilt: `None` for its code, and [`Decoded`]
///   keeps the body with its code;
/// - a `transparent` variant: when its field's type rebuilds the body
///   (a field type that is not a `FromBody` rebuilds nothing).
///
/// The catalog says which of its entries come back
/// ([`Entry::rebuilt`](crate::Entry::rebuilt)), and
/// [`test::assert_round_trip`](crate::test::assert_round_trip) checks a
/// value in a test.
///
/// ```
/// use skms_core::{ErrorBody, FromBody, SkmsError, StandardError};
///
/// #[derive(Debug, PartialEq, SkmsError)]
/// enum VaultError {
///     #[skms(code = 60001, status = 503, msg = "Vault sealed")]
///     Sealed,
///     #[skms(code = 60002, status = 400, msg = "Bad key id")]
///     BadKeyId(#[skms(detail)] String),
///     #[skms(code = 60003, status = 400, msg = "Key version not found", detail = "{0} v{1}")]
///     VersionNotFound(String, u32),
///     #[skms(transparent)]
///     Standard(StandardError),
/// }
///
/// let body = ErrorBody { code: 40013, message: "Key not found".into(), detail: None };
/// assert_eq!(
///     VaultError::from_body(&body),
///     Some(VaultError::Standard(StandardError::KeyNotFound)),
/// );
/// let body = ErrorBody { code: 60002, message: "Bad key id".into(), detail: Some("k-9".into()) };
/// assert_eq!(VaultError::from_body(&body), Some(VaultError::BadKeyId("k-9".into())));
/// let body = ErrorBody { code: 70000, message: "Newer than us".into(), detail: None };
/// assert_eq!(VaultError::from_body(&body), None);
/// let body = ErrorBody { code: 60003, message: "Key version not found".into(), detail: Some("k-9 v2".into()) };
/// assert_eq!(VaultError::from_body(&body), Some(VaultError::VersionNotFound("k-9".into(), 2)));
/// // `v02` parses as 2, which writes `v2`: not the detail received.
/// let body = ErrorBody { code: 60003, message: "Key version not found".into(), detail: Some("k-9 v02".into()) };
/// assert_eq!(VaultError::from_body(&body), None);
/// ```
pub trait FromBody: Sized {
    /// Rebuilds the typed error this body stands for, by its code; `None`
    /// when this type has no variant that can be rebuilt from it.
    fn from_body(body: &ErrorBody<'_>) -> Option<Self>;
}

macro_rules! forward_from_body {
    ($($ty:ident),*) => {$(
        /// For a `transparent` field behind a pointer.
        impl<E: FromBody> FromBody for $ty<E> {
            fn from_body(body: &ErrorBody<'_>) -> Option<Self> {
                E::from_body(body).map($ty::new)
            }
        }
    )*};
}

forward_from_body!(Box, Rc, Arc);

/// An error body received from a SKMS service, kept whole, with the typed
/// error of `E` it stands for when `E` can rebuild it.
///
/// A server may be older, newer or another service than the client's catalog
/// knows: a body whose code `E` does not rebuild is kept as it came, never
/// dropped and never mapped to a guess; a body whose code `E` rebuilds but
/// whose message is worded differently is rebuilt by its code, and the
/// received message stays available. [`Serialize`] writes the received body
/// back as it came (the code, the received message and detail), so a gateway
/// can pass it on unchanged.
///
/// ```
/// use skms_core::{Decoded, ErrorBody, StandardError};
///
/// let body = ErrorBody {
///     code: 40013,
///     message: "Key not found in the key vault".into(), // a newer wording
///     detail: Some("keyId : 0000009".into()),
/// };
/// let decoded = Decoded::<StandardError>::from_body(body);
/// assert_eq!(decoded.error(), Some(&StandardError::KeyNotFound));
/// assert_eq!(decoded.message(), "Key not found in the key vault");
/// assert_eq!(decoded.catalog_message(), Some("Key not found in the keyVault"));
/// assert_eq!(decoded.detail(), Some("keyId : 0000009"));
///
/// let body = ErrorBody { code: 40999, message: "Quota exceeded".into(), detail: None };
/// let decoded = Decoded::<StandardError>::from_body(body);
/// assert_eq!(decoded.error(), None);
/// assert_eq!((decoded.code(), decoded.message()), (40999, "Quota exceeded"));
/// assert_eq!(decoded.to_string(), "[40999] Quota exceeded");
/// ```
///
/// # Not an `SkmsError`
///
/// `Decoded` does not implement [`SkmsError`], on purpose: the trait must
/// answer an HTTP status, and a body does not carry one. The catalog knows the
/// status of a code it rebuilds ([`error`](Decoded::error) is an `SkmsError`),
/// but for a code it does not know any status would be a guess. A service that
/// passes a received error on should answer with the HTTP status it received
/// and the body that [`Serialize`] writes.
///
/// # A struct, not an enum
///
/// Whether `E` rebuilt the body or not, the body is there: the code, the
/// received message and the detail are answered the same way in both cases,
/// and the typed error is an `Option`. Its fields are private so that the
/// typed error always agrees with the body's code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decoded<E> {
    error: Option<E>,
    body: ErrorBody<'static>,
    /// The detail's length at the server, when what arrived is its start.
    detail_truncated: Option<usize>,
}

impl<E: FromBody> Decoded<E> {
    /// Rebuilds `body` as an `E` when `E` can ([`FromBody`]), and keeps the
    /// body, owned, either way.
    #[must_use]
    pub fn from_body(body: ErrorBody<'_>) -> Self {
        Decoded {
            error: E::from_body(&body),
            body: body.into_owned(),
            detail_truncated: None,
        }
    }

    /// `body` whose detail is the start of one `original` bytes long. The
    /// typed error is rebuilt without the detail: a variant whose field is
    /// the detail would otherwise hold a cut value as if it were whole.
    #[cfg(feature = "tonic")]
    pub(crate) fn from_cut_body(body: ErrorBody<'_>, original: usize) -> Self {
        let whole = ErrorBody {
            code: body.code,
            message: body.message.clone(),
            detail: None,
        };
        Decoded {
            error: E::from_body(&whole),
            body: body.into_owned(),
            detail_truncated: Some(original),
        }
    }
}

impl<E> Decoded<E> {
    /// The received code.
    #[must_use]
    pub fn code(&self) -> u32 {
        self.body.code
    }

    /// The received message, as the server wrote it (which may differ from
    /// the [`catalog_message`](Decoded::catalog_message)).
    #[must_use]
    pub fn message(&self) -> &str {
        &self.body.message
    }

    /// The received detail, if the server sent one.
    #[must_use]
    pub fn detail(&self) -> Option<&str> {
        self.body.detail.as_deref()
    }

    /// The length in bytes of the detail at the server, when the detail
    /// received is only its start, cut at a character boundary; `None` when
    /// the detail arrived whole or there is none.
    ///
    /// Only a gRPC status carries a cut detail: metadata is bounded, so a
    /// server cuts a detail longer than `skms_core::tonic::MAX_DETAIL_BYTES`
    /// (feature `tonic`), and `Decoded::from_status` reports it here.
    /// A JSON body has no such limit: its detail is always whole.
    ///
    /// A cut detail does not rebuild a variant whose fields are read from it
    /// ([`error`](Decoded::error) is then `None`, the code still there).
    #[must_use]
    pub fn detail_truncated(&self) -> Option<usize> {
        self.detail_truncated
    }

    /// The typed error the body stands for, when `E` rebuilt it.
    #[must_use]
    pub fn error(&self) -> Option<&E> {
        self.error.as_ref()
    }

    /// Whether `E` rebuilt the body, that is, whether
    /// [`error`](Decoded::error) is `Some`.
    #[must_use]
    pub fn is_known(&self) -> bool {
        self.error.is_some()
    }

    /// The body as it was received.
    #[must_use]
    pub fn body(&self) -> &ErrorBody<'static> {
        &self.body
    }

    /// The body as it was received, owned.
    #[must_use]
    pub fn into_body(self) -> ErrorBody<'static> {
        self.body
    }

    /// The typed error, if `E` rebuilt it, and the body as received.
    #[must_use]
    pub fn into_parts(self) -> (Option<E>, ErrorBody<'static>) {
        (self.error, self.body)
    }
}

impl<E: SkmsError> Decoded<E> {
    /// The message that the catalog of `E` gives the code, when `E` rebuilt
    /// the body; compare it with [`message`](Decoded::message) to notice a
    /// server that words the code differently.
    #[must_use]
    pub fn catalog_message(&self) -> Option<&str> {
        self.error.as_ref().map(SkmsError::message)
    }
}

impl<E: FromBody> From<ErrorBody<'_>> for Decoded<E> {
    fn from(body: ErrorBody<'_>) -> Self {
        Decoded::from_body(body)
    }
}

impl<E> From<Decoded<E>> for ErrorBody<'static> {
    fn from(decoded: Decoded<E>) -> Self {
        decoded.body
    }
}

impl<E> fmt::Display for Decoded<E> {
    /// The received body: `[code] message: detail`, with the message as
    /// received.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.body, f)
    }
}

/// The received body is the whole error; the typed error is another view of
/// it, not its cause, so `source()` is `None`.
impl<E: fmt::Debug> std::error::Error for Decoded<E> {}

impl<E> Serialize for Decoded<E> {
    /// The body as received: `{"code":..,"message":..,"detail":..}` with the
    /// received message and detail.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.body.serialize(serializer)
    }
}

impl<'de, E: FromBody> Deserialize<'de> for Decoded<E> {
    /// Decodes an [`ErrorBody`], as strictly, then rebuilds it as an `E` when
    /// `E` can. For the precise errors of [`DecodeError`](crate::DecodeError),
    /// use [`Decoded::from_slice`] (feature `json`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ErrorBody::deserialize(deserializer).map(Decoded::from_body)
    }
}
