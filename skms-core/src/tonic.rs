//! SKMS errors over gRPC, as [`tonic::Status`].
//!
//! With feature `tonic`, every derived type (and so
//! [`StandardError`](crate::StandardError)) converts into a
//! `tonic::Status`, so a service method answers with it through `?`:
//!
//! ```
//! use skms_core::{Decoded, SkmsError, StandardError};
//! use tonic::{Code, Status};
//!
//! #[derive(Debug, PartialEq, SkmsError)]
//! enum VaultError {
//!     #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault")]
//!     KeyNotFound(#[skms(detail)] String),
//!     #[skms(code = 60409, status = 409, msg = "Key already exists", grpc = "already_exists")]
//!     KeyExists,
//!     #[skms(transparent)]
//!     Standard(StandardError),
//! }
//!
//! fn get_key(key_id: &str) -> Result<String, Status> {
//!     Err(VaultError::KeyNotFound(key_id.into()))?
//! }
//!
//! let status = get_key("0000009").unwrap_err();
//! assert_eq!(status.code(), Code::InvalidArgument); // from the HTTP status, 400
//! assert_eq!(status.message(), "Key not found in the keyVault");
//! assert_eq!(status.metadata().get("skms-code").unwrap(), "40013");
//! assert_eq!(status.metadata().get_bin("skms-detail-bin").unwrap().to_bytes().unwrap(), "0000009");
//! assert_eq!(Status::from(VaultError::KeyExists).code(), Code::AlreadyExists); // chosen
//!
//! // The client rebuilds the typed error.
//! let decoded = Decoded::<VaultError>::from_status(&status).unwrap().unwrap();
//! assert_eq!(decoded.error(), Some(&VaultError::KeyNotFound("0000009".into())));
//! assert_eq!(decoded.detail(), Some("0000009"));
//!
//! // A status that is not an SKMS error is not guessed at.
//! assert!(Decoded::<VaultError>::from_status(&Status::deadline_exceeded("timeout")).unwrap().is_none());
//! ```
//!
//! # What a status carries
//!
//! - its **code**, the gRPC code of the error: the one a variant chose with
//!   `#[skms(grpc = "failed_precondition")]` (a transparent variant: its
//!   field's), else the one of its HTTP status ([`code_for_status`]);
//! - its **message**, the SKMS message;
//! - the **SKMS code**, in the ASCII metadata `skms-code` ([`CODE_KEY`]);
//! - the **detail**, when the client may see it, in the binary metadata
//!   `skms-detail-bin` ([`DETAIL_KEY`]): binary, so that a detail may hold
//!   any UTF-8, sent base64-encoded as gRPC requires.
//!
//! The detail goes through the [`DetailPolicy`] in force
//! ([`DetailPolicy::in_force`]), exactly as over HTTP: a withheld detail is
//! logged (the same event, through [`LogSafe`](crate::LogSafe)) and never
//! sent; a policy that
//! [refers to withheld details](DetailPolicy::refer_to_withheld_details)
//! sends its reference as the detail (when the event is recorded). A tonic server wrapped in
//! [`DetailPolicy::layer`](crate::tower) (feature `tower`) answers with the
//! layer's policy; [`DetailPolicy::status`] answers with a policy of its own
//! in one place.
//!
//! The status's `details` (`grpc-status-details-bin`, a protobuf
//! `google.rpc.Status`) are left empty: writing them would need protobuf,
//! and the metadata carries everything an SKMS client reads.

use ::tonic::metadata::{MetadataMap, MetadataValue};
use ::tonic::{Code, Status};
use core::fmt;
use std::borrow::Cow;
use std::string::String;

use crate::policy::Sent;
use crate::{Decoded, DetailPolicy, Entry, ErrorBody, FromBody, SkmsError};

/// The ASCII metadata key of the SKMS code: `skms-code: 40013`.
pub const CODE_KEY: &str = "skms-code";

/// The binary metadata key of the detail, its UTF-8 bytes (base64 on the
/// wire, as gRPC sends every `-bin` key).
pub const DETAIL_KEY: &str = "skms-detail-bin";

/// The gRPC code of an error whose variant chose none: the code whose HTTP
/// mapping in googleapis' `google/rpc/code.proto` is `status`.
///
/// | HTTP status | gRPC code |
/// |---|---|
/// | 400 | `INVALID_ARGUMENT` |
/// | 401 | `UNAUTHENTICATED` |
/// | 403 | `PERMISSION_DENIED` |
/// | 404 | `NOT_FOUND` |
/// | 409 | `ABORTED` |
/// | 429 | `RESOURCE_EXHAUSTED` |
/// | 499 | `CANCELLED` |
/// | 500 | `INTERNAL` |
/// | 501 | `UNIMPLEMENTED` |
/// | 503 | `UNAVAILABLE` |
/// | 504 | `DEADLINE_EXCEEDED` |
/// | any other 4xx | `FAILED_PRECONDITION` |
/// | any other 5xx | `INTERNAL` |
/// | anything else (a hand-written status) | `UNKNOWN` |
///
/// `code.proto` maps each gRPC code to an HTTP status; this is that table
/// read backwards, and where it is not one to one, a choice was made:
///
/// - 400 is the mapping of `INVALID_ARGUMENT`, `FAILED_PRECONDITION` and
///   `OUT_OF_RANGE`: `INVALID_ARGUMENT`, the request's own fault, as a 400
///   means;
/// - 409 is the mapping of `ALREADY_EXISTS` and `ABORTED`: `ABORTED`, a
///   conflict with the current state of the resource, which is what
///   `409 Conflict` says; `ALREADY_EXISTS` would claim that the client tried
///   to create something, which a 409 does not say. A variant that means
///   "already exists" says so with `#[skms(grpc = "already_exists")]`;
/// - 500 is the mapping of `UNKNOWN`, `INTERNAL` and `DATA_LOSS`:
///   `INTERNAL`;
/// - the 4xx and 5xx statuses that `code.proto` does not name get
///   `FAILED_PRECONDITION` (the system is not in a state the request needs,
///   which the client must fix before retrying) and `INTERNAL`.
///
/// This is not gRPC's own `http-grpc-status-mapping.md`, which tells a
/// *client* what to make of an HTTP response without a gRPC status (and
/// maps 400 to `INTERNAL`, for instance); a server must not answer by it.
///
/// The standard catalog follows its statuses, quirks included: 40301 ("You
/// don't have permission this service") answers 401, so `UNAUTHENTICATED`.
///
/// ```
/// use skms_core::tonic::code_for_status;
/// use tonic::Code;
///
/// assert_eq!(code_for_status(404), Code::NotFound);
/// assert_eq!(code_for_status(422), Code::FailedPrecondition);
/// assert_eq!(code_for_status(502), Code::Internal);
/// ```
#[must_use]
pub const fn code_for_status(status: u16) -> Code {
    match status {
        400..=499 => match status {
            400 => Code::InvalidArgument,
            401 => Code::Unauthenticated,
            403 => Code::PermissionDenied,
            404 => Code::NotFound,
            409 => Code::Aborted,
            429 => Code::ResourceExhausted,
            499 => Code::Cancelled,
            _ => Code::FailedPrecondition,
        },
        500..=599 => match status {
            501 => Code::Unimplemented,
            503 => Code::Unavailable,
            504 => Code::DeadlineExceeded,
            _ => Code::Internal,
        },
        _ => Code::Unknown,
    }
}

/// The gRPC code that `error` is answered with: the one it chose
/// ([`SkmsError::grpc_code`]: a derived variant's `#[skms(grpc = "...")]`, a
/// transparent variant's field's, or a hand-written override), else
/// [`code_for_status`] of its status.
///
/// ```
/// use skms_core::StandardError;
/// use tonic::Code;
///
/// assert_eq!(skms_core::tonic::code(&StandardError::InvalidToken), Code::Unauthenticated);
/// assert_eq!(skms_core::tonic::code(&StandardError::InternalError), Code::Internal);
/// ```
#[must_use]
pub fn code<E: SkmsError + ?Sized>(error: &E) -> Code {
    error
        .grpc_code()
        .unwrap_or_else(|| code_for_status(error.status()))
}

/// The status that `error` is answered with under the [`DetailPolicy`] in
/// force ([`DetailPolicy::in_force`]): what the derived `From` returns, for
/// a hand-written [`SkmsError`] or a `&dyn SkmsError`.
///
/// ```
/// use skms_core::{SkmsError, StandardError};
///
/// let error: Box<dyn SkmsError + Send> = Box::new(StandardError::InvalidToken);
/// let status = skms_core::tonic::status(&*error);
/// assert_eq!(status.code(), tonic::Code::Unauthenticated);
/// assert_eq!(status.metadata().get("skms-code").unwrap(), "40101");
/// ```
#[must_use]
pub fn status<E: SkmsError + ?Sized>(error: &E) -> Status {
    DetailPolicy::in_force().status(error)
}

impl DetailPolicy {
    /// The status that `error` is answered with under this policy: its
    /// gRPC [`code`], the SKMS message, the SKMS code in [`CODE_KEY`] and,
    /// when this policy sends it, the detail in [`DETAIL_KEY`] (a withheld
    /// detail is logged, as [`write_json`](DetailPolicy::write_json) does).
    ///
    /// Every derived `From` answers with the policy in force; this is for
    /// answering with another one in one place.
    ///
    /// ```
    /// use skms_core::{DetailPolicy, SkmsError};
    ///
    /// #[derive(Debug, SkmsError)]
    /// #[skms(code = 50001, status = 500, msg = "An unexpected error has occurred in the internal system", detail = "{0}")]
    /// struct Internal(&'static str);
    ///
    /// let admin = DetailPolicy::DEFAULT.show_server_error_details(true);
    /// let status = admin.status(&Internal("disk full"));
    /// let detail = status.metadata().get_bin("skms-detail-bin").unwrap();
    /// assert_eq!(detail.to_bytes().unwrap(), "disk full");
    ///
    /// let status = DetailPolicy::DEFAULT.status(&Internal("disk full"));
    /// assert!(status.metadata().get_bin("skms-detail-bin").is_none());
    /// ```
    #[must_use]
    pub fn status<E: SkmsError + ?Sized>(&self, error: &E) -> Status {
        // Before the detail is sent or withheld, so that the log of a
        // withheld detail is inside a span that already carries the code.
        crate::observe::answered(error, crate::observe::Transport::Grpc);
        let mut metadata = MetadataMap::new();
        metadata.insert(CODE_KEY, MetadataValue::from(error.code()));
        let detail = match self.send(error) {
            Sent::Detail => error.detail(),
            Sent::Reference(reference) => Some(Cow::Owned(String::from(reference.detail()))),
            Sent::Nothing => None,
        };
        if let Some(detail) = detail {
            metadata.insert_bin(DETAIL_KEY, MetadataValue::from_bytes(detail.as_bytes()));
        }
        Status::with_metadata(code(error), error.message(), metadata)
    }
}

impl Entry {
    /// The gRPC code that the entry's errors are answered with: the one its
    /// variant chose with `#[skms(grpc = "...")]`, else
    /// [`code_for_status`] of its status.
    ///
    /// ```
    /// use skms_core::{Catalog, StandardError};
    ///
    /// let entry = StandardError::lookup(40013).unwrap();
    /// assert_eq!(entry.grpc_code(), tonic::Code::InvalidArgument);
    /// ```
    #[must_use]
    pub const fn grpc_code(&self) -> Code {
        match self.marks & !crate::catalog::REUSED {
            0 => code_for_status(self.status),
            chosen => Code::from_i32(chosen as i32),
        }
    }
}

impl<E: FromBody> Decoded<E> {
    /// Rebuilds the SKMS error that a gRPC status carries: the SKMS code of
    /// its [`CODE_KEY`] metadata, its message, and the detail of its
    /// [`DETAIL_KEY`] metadata, as [`Decoded::from_body`] rebuilds a body
    /// (by code, never by message, the unknown kept whole).
    ///
    /// The gRPC code plays no part: a server may have chosen another one for
    /// the variant.
    ///
    /// # Errors
    ///
    /// `Ok(None)` is a status without an SKMS code: a plain gRPC failure
    /// (a deadline, a server that cannot be reached, a service that does not
    /// answer SKMS errors), which is not guessed at; handle it as the status
    /// it is. [`StatusDecodeError`] is a status that carries SKMS metadata
    /// but not as an SKMS server writes it, with what is wrong
    /// ([`StatusDecodeError::kind`]).
    ///
    /// ```
    /// use skms_core::tonic::StatusDecodeErrorKind;
    /// use skms_core::{Decoded, StandardError};
    /// use tonic::metadata::MetadataValue;
    /// use tonic::{Code, Status};
    ///
    /// let status = Status::from(StandardError::KeyNotFound);
    /// let decoded = Decoded::<StandardError>::from_status(&status)?.unwrap();
    /// assert_eq!(decoded.error(), Some(&StandardError::KeyNotFound));
    ///
    /// assert!(Decoded::<StandardError>::from_status(&Status::unavailable("connection refused"))?.is_none());
    ///
    /// let mut broken = Status::internal("Key not found in the keyVault");
    /// broken.metadata_mut().insert("skms-code", MetadataValue::from_static("40O13"));
    /// let error = Decoded::<StandardError>::from_status(&broken).unwrap_err();
    /// assert_eq!(error.kind(), StatusDecodeErrorKind::CodeNotInteger);
    /// assert_eq!(error.to_string(), r#"invalid SKMS status: `skms-code` must be an integer within u32, found "40O13""#);
    /// # Ok::<(), skms_core::tonic::StatusDecodeError>(())
    /// ```
    pub fn from_status(status: &Status) -> Result<Option<Self>, StatusDecodeError> {
        let metadata = status.metadata();
        let mut codes = metadata.get_all(CODE_KEY).iter();
        let Some(code) = codes.next() else {
            return match metadata.get_bin(DETAIL_KEY) {
                Some(_) => Err(StatusDecodeError::new(
                    StatusDecodeErrorKind::DetailWithoutCode,
                    None,
                )),
                None => Ok(None),
            };
        };
        if codes.next().is_some() {
            return Err(StatusDecodeError::new(
                StatusDecodeErrorKind::DuplicateCode,
                None,
            ));
        }
        // An SKMS error is a failure: a status that says `Ok` and carries a
        // code contradicts itself, and is not read as either.
        if status.code() == ::tonic::Code::Ok {
            return Err(StatusDecodeError::new(
                StatusDecodeErrorKind::CodeOnSuccess,
                None,
            ));
        }
        let code = parse_code(code.as_encoded_bytes())?;
        let mut details = metadata.get_all_bin(DETAIL_KEY).iter();
        let detail = match details.next() {
            None => None,
            Some(_) if details.next().is_some() => {
                return Err(StatusDecodeError::new(
                    StatusDecodeErrorKind::DuplicateDetail,
                    None,
                ))
            }
            Some(value) => {
                let bytes = value.to_bytes().map_err(|_| {
                    StatusDecodeError::new(
                        StatusDecodeErrorKind::DetailNotBase64,
                        Some(value.as_encoded_bytes()),
                    )
                })?;
                let text = String::from_utf8(bytes.to_vec()).map_err(|error| {
                    StatusDecodeError::new(
                        StatusDecodeErrorKind::DetailNotUtf8,
                        Some(error.as_bytes()),
                    )
                })?;
                Some(Cow::Owned(text))
            }
        };
        Ok(Some(Decoded::from_body(ErrorBody {
            code,
            message: Cow::Borrowed(status.message()),
            detail,
        })))
    }
}

/// The SKMS code of `skms-code`: decimal digits within `u32`, nothing else
/// (no sign, no space).
fn parse_code(text: &[u8]) -> Result<u32, StatusDecodeError> {
    let error = |kind| StatusDecodeError::new(kind, Some(text));
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return Err(error(StatusDecodeErrorKind::CodeNotInteger));
    }
    // Only ASCII digits: UTF-8.
    let digits = core::str::from_utf8(text).unwrap_or_default();
    digits
        .parse()
        .map_err(|_| error(StatusDecodeErrorKind::CodeOutOfRange))
}

/// A gRPC status that carries SKMS metadata, but not as an SKMS server
/// writes it: [`Decoded::from_status`] says what is wrong instead of
/// guessing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusDecodeError {
    kind: StatusDecodeErrorKind,
    /// The start of the value found, for the message.
    found: Option<String>,
}

/// Which rule of the SKMS metadata a status breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatusDecodeErrorKind {
    /// `skms-code` is not decimal digits.
    CodeNotInteger,
    /// `skms-code` is digits, beyond `u32::MAX`.
    CodeOutOfRange,
    /// `skms-code` appears more than once.
    DuplicateCode,
    /// `skms-detail-bin` is not base64.
    DetailNotBase64,
    /// `skms-detail-bin` is not UTF-8 once decoded.
    DetailNotUtf8,
    /// `skms-detail-bin` appears more than once.
    DuplicateDetail,
    /// `skms-detail-bin` without `skms-code`: half an SKMS error.
    DetailWithoutCode,
    /// `skms-code` on a status whose code is `Ok`: an SKMS error is a
    /// failure.
    CodeOnSuccess,
}

impl StatusDecodeError {
    /// At most this many bytes of a value found are quoted.
    const QUOTED: usize = 40;

    fn new(kind: StatusDecodeErrorKind, found: Option<&[u8]>) -> Self {
        let found = found.map(|bytes| {
            let cut = bytes.len().min(Self::QUOTED);
            let mut text = String::from_utf8_lossy(&bytes[..cut]).into_owned();
            if cut < bytes.len() {
                text.push_str("...");
            }
            text
        });
        StatusDecodeError { kind, found }
    }

    /// The rule that the status breaks.
    #[must_use]
    pub const fn kind(&self) -> StatusDecodeErrorKind {
        self.kind
    }
}

impl fmt::Display for StatusDecodeError {
    /// What is wrong and, for a value that cannot be read, its start,
    /// escaped (through [`LogSafe`](crate::LogSafe)) so that it cannot
    /// forge a log line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rule = match self.kind {
            StatusDecodeErrorKind::CodeNotInteger | StatusDecodeErrorKind::CodeOutOfRange => {
                "`skms-code` must be an integer within u32"
            }
            StatusDecodeErrorKind::DuplicateCode => "`skms-code` must appear once",
            StatusDecodeErrorKind::DetailNotBase64 => "`skms-detail-bin` must be base64",
            StatusDecodeErrorKind::DetailNotUtf8 => "`skms-detail-bin` must be UTF-8 once decoded",
            StatusDecodeErrorKind::DuplicateDetail => "`skms-detail-bin` must appear at most once",
            StatusDecodeErrorKind::DetailWithoutCode => {
                "`skms-detail-bin` comes without `skms-code`"
            }
            StatusDecodeErrorKind::CodeOnSuccess => {
                "`skms-code` comes on a status whose code is `Ok`"
            }
        };
        write!(f, "invalid SKMS status: {rule}")?;
        match &self.found {
            Some(found) => write!(f, ", found \"{}\"", crate::LogSafe(found.as_str())),
            None => Ok(()),
        }
    }
}

impl std::error::Error for StatusDecodeError {}

#[cfg(test)]
mod tests {
    use super::code_for_status;
    use ::tonic::Code;

    #[test]
    fn the_statuses_of_code_proto_and_the_choices() {
        for (status, code) in [
            (400, Code::InvalidArgument),
            (401, Code::Unauthenticated),
            (403, Code::PermissionDenied),
            (404, Code::NotFound),
            (409, Code::Aborted),
            (429, Code::ResourceExhausted),
            (499, Code::Cancelled),
            (500, Code::Internal),
            (501, Code::Unimplemented),
            (503, Code::Unavailable),
            (504, Code::DeadlineExceeded),
        ] {
            assert_eq!(code_for_status(status), code, "{status}");
        }
        for status in [402, 405, 410, 412, 418, 422, 451, 498] {
            assert_eq!(
                code_for_status(status),
                Code::FailedPrecondition,
                "{status}"
            );
        }
        for status in [502, 505, 507, 511, 599] {
            assert_eq!(code_for_status(status), Code::Internal, "{status}");
        }
        // Only a hand-written impl can have these; never OK.
        for status in [0, 200, 302, 399, 600, u16::MAX] {
            assert_eq!(code_for_status(status), Code::Unknown, "{status}");
        }
    }
}
