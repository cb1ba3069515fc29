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
//! # How much of the detail a status carries
//!
//! Metadata travels as HTTP/2 headers, which a peer bounds (h2, under tonic,
//! refuses a header list past 16 KiB by default): a status whose detail
//! went past that would reach the client as a bare `INTERNAL` or
//! `RESOURCE_EXHAUSTED`, without its SKMS code. So a status carries at most
//! [`MAX_DETAIL_BYTES`] (4 KiB) of the detail, cut at a character boundary,
//! and then marks the cut with the detail's whole length in
//! [`DETAIL_TRUNCATED_KEY`] (`skms-detail-truncated`), which
//! [`Decoded::detail_truncated`] reports; the message is bounded too
//! ([`MAX_MESSAGE_BYTES`]). The code and the message always arrive. A cut
//! detail does not rebuild a variant whose fields are read from it. HTTP bodies
//! have no such limit: over HTTP the detail is always sent whole.
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
//!
//! One concern, SKMS errors over gRPC both ways: the `Status` a server
//! sends (metadata, its limits, the policy) and what a client reads back
//! from it (`Decoded::from_status`).

// One concern, an SKMS error as a `tonic::Status` and back: the metadata,
// its bounds and their decoding, with the user documentation and the unit
// tests of the metadata.

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

/// The ASCII metadata key that marks a cut detail, with the detail's length
/// in bytes before the cut: `skms-detail-truncated: 65536`. Absent when the
/// detail is sent whole.
pub const DETAIL_TRUNCATED_KEY: &str = "skms-detail-truncated";

/// The most bytes of UTF-8 of a detail that a status carries: a longer
/// detail is cut at the last character boundary within it, and marked
/// ([`DETAIL_TRUNCATED_KEY`]).
///
/// Metadata travels as HTTP/2 headers, and a peer refuses a header list
/// beyond its limit: 16 KiB for h2 (tonic, hyper) by default, 8 KiB (soft)
/// for gRPC C-core. Past it the client receives a bare `INTERNAL` or
/// `RESOURCE_EXHAUSTED`, without the SKMS code. 4 KiB is 5,464 bytes in
/// base64, which leaves room for the message and the rest of the headers.
/// HTTP bodies have no such limit: over HTTP the detail is always whole.
///
/// ```
/// use skms_core::tonic::MAX_DETAIL_BYTES;
/// use skms_core::{Decoded, SkmsError};
///
/// #[derive(Debug, SkmsError)]
/// #[skms(code = 60400, status = 400, msg = "Key id rejected", detail = "keyId : {0}")]
/// struct Rejected(String);
///
/// // 8 + 15,000 bytes: "鍵" is 3 bytes of UTF-8.
/// let status = tonic::Status::from(Rejected("鍵".repeat(5000)));
/// assert_eq!(status.metadata().get("skms-detail-truncated").unwrap(), "15008");
///
/// let decoded = Decoded::<Rejected>::from_status(&status).unwrap().unwrap();
/// assert_eq!(decoded.code(), 60400);
/// assert_eq!(decoded.detail_truncated(), Some(15008));
/// let detail = decoded.detail().unwrap();
/// assert_eq!(detail.len(), MAX_DETAIL_BYTES - 2); // no "鍵" split
/// assert!(detail.starts_with("keyId : 鍵鍵"));
/// ```
pub const MAX_DETAIL_BYTES: usize = 4096;

/// The most bytes of UTF-8 of the message that a status carries (in
/// `grpc-message`, percent-encoded, up to three times as long): a longer
/// message (the reference's are under 100 bytes) is cut at a character
/// boundary, unmarked. The client's catalog holds the whole
/// message of a code it knows ([`Decoded::catalog_message`]).
pub const MAX_MESSAGE_BYTES: usize = 1024;

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
            let sent = cut(&detail, MAX_DETAIL_BYTES);
            if sent.len() < detail.len() {
                metadata.insert(DETAIL_TRUNCATED_KEY, MetadataValue::from(detail.len()));
            }
            metadata.insert_bin(DETAIL_KEY, MetadataValue::from_bytes(sent.as_bytes()));
        }
        let message = cut(error.message(), MAX_MESSAGE_BYTES);
        Status::with_metadata(code(error), message, metadata)
    }
}

/// The longest start of `text` within `max` bytes that ends at a character
/// boundary: what a status carries of a detail or a message.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    // A UTF-8 character is at most 4 bytes: a boundary is among the last 4.
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
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
        match self.grpc() {
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
    /// the variant. A detail cut by the server ([`MAX_DETAIL_BYTES`]) is
    /// reported by [`Decoded::detail_truncated`], and does not rebuild a
    /// variant whose fields are read from the detail.
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
        let truncated = parse_truncated(metadata, detail.as_deref())?;
        let body = ErrorBody {
            code,
            message: Cow::Borrowed(status.message()),
            detail,
        };
        Ok(Some(match truncated {
            None => Decoded::from_body(body),
            Some(original) => Decoded::from_cut_body(body, original),
        }))
    }
}

/// The length before the cut of `skms-detail-truncated`, when present: once,
/// beside a detail, decimal digits within `usize` that exceed the length of
/// the detail received.
fn parse_truncated(
    metadata: &MetadataMap,
    detail: Option<&str>,
) -> Result<Option<usize>, StatusDecodeError> {
    let mut marks = metadata.get_all(DETAIL_TRUNCATED_KEY).iter();
    let Some(mark) = marks.next() else {
        return Ok(None);
    };
    if marks.next().is_some() {
        return Err(StatusDecodeError::new(
            StatusDecodeErrorKind::DuplicateTruncated,
            None,
        ));
    }
    let Some(detail) = detail else {
        return Err(StatusDecodeError::new(
            StatusDecodeErrorKind::TruncatedWithoutDetail,
            None,
        ));
    };
    let text = mark.as_encoded_bytes();
    let original = core::str::from_utf8(text)
        .ok()
        .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|digits| digits.parse::<usize>().ok())
        .filter(|&original| original > detail.len());
    match original {
        Some(original) => Ok(Some(original)),
        None => Err(StatusDecodeError::new(
            StatusDecodeErrorKind::TruncatedNotLength,
            Some(text),
        )),
    }
}

/// The SKMS code of `skms-code`, read as every code is read from text
/// ([`parse_code`](crate::parse_code)): digits within `u32`, nothing else
/// (no sign, no space, no leading zero).
fn parse_code(text: &[u8]) -> Result<u32, StatusDecodeError> {
    crate::parse_code(text).map_err(|error| {
        let kind = match error {
            crate::ParseCodeError::LeadingZero => StatusDecodeErrorKind::CodeLeadingZero,
            crate::ParseCodeError::TooLarge => StatusDecodeErrorKind::CodeOutOfRange,
            _ => StatusDecodeErrorKind::CodeNotInteger,
        };
        let mut refused = StatusDecodeError::new(kind, Some(text));
        refused.code = Some(error);
        refused
    })
}

/// A gRPC status that carries SKMS metadata, but not as an SKMS server
/// writes it: [`Decoded::from_status`] says what is wrong instead of
/// guessing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusDecodeError {
    kind: StatusDecodeErrorKind,
    /// The start of the value found, for the message.
    found: Option<String>,
    /// Why `skms-code` is not a code, its [`source`](std::error::Error::source).
    code: Option<crate::ParseCodeError>,
}

/// Which rule of the SKMS metadata a status breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatusDecodeErrorKind {
    /// `skms-code` is not decimal digits.
    CodeNotInteger,
    /// `skms-code` is digits, beyond `u32::MAX`.
    CodeOutOfRange,
    /// `skms-code` is digits that start with `0` (`0040013`), which is not
    /// how a code is written: every code has one spelling
    /// ([`parse_code`](crate::parse_code)).
    CodeLeadingZero,
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
    /// `skms-detail-truncated` is not a length in bytes greater than the
    /// detail received.
    TruncatedNotLength,
    /// `skms-detail-truncated` appears more than once.
    DuplicateTruncated,
    /// `skms-detail-truncated` without `skms-detail-bin`: nothing was cut.
    TruncatedWithoutDetail,
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
        StatusDecodeError {
            kind,
            found,
            code: None,
        }
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
            StatusDecodeErrorKind::CodeLeadingZero => {
                "`skms-code` must be written without a leading zero"
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
            StatusDecodeErrorKind::TruncatedNotLength => {
                "`skms-detail-truncated` must be a length in bytes greater than the detail's"
            }
            StatusDecodeErrorKind::DuplicateTruncated => {
                "`skms-detail-truncated` must appear at most once"
            }
            StatusDecodeErrorKind::TruncatedWithoutDetail => {
                "`skms-detail-truncated` comes without `skms-detail-bin`"
            }
        };
        write!(f, "invalid SKMS status: {rule}")?;
        match &self.found {
            Some(found) => write!(f, ", found \"{}\"", crate::LogSafe(found.as_str())),
            None => Ok(()),
        }
    }
}

/// The source of a `skms-code` that is not a code is the
/// [`ParseCodeError`](crate::ParseCodeError) that says what is wrong with
/// it (which byte is not a digit).
impl std::error::Error for StatusDecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.code
            .as_ref()
            .map(|error| error as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::{
        code_for_status, cut, StatusDecodeErrorKind, DETAIL_KEY, DETAIL_TRUNCATED_KEY,
        MAX_DETAIL_BYTES, MAX_MESSAGE_BYTES,
    };
    use crate::{Decoded, DetailPolicy, SkmsError, StandardError};
    use ::tonic::metadata::MetadataValue;
    use ::tonic::{Code, Status};
    use std::borrow::Cow;
    use std::string::{String, ToString};

    #[test]
    fn a_cut_ends_at_the_last_char_boundary_within_the_limit() {
        assert_eq!(cut("", 0), "");
        assert_eq!(cut("", 4), "");
        assert_eq!(cut("abcd", 4), "abcd"); // exactly at the limit: whole
        assert_eq!(cut("abcde", 4), "abcd");
        assert_eq!(cut("abcd", 0), "");
        // "鍵" is 3 bytes, "🔑" 4: every position inside one falls back to
        // its start, never beyond the limit.
        let text = "a鍵🔑b";
        for (max, expected) in [
            (1, "a"),
            (2, "a"),
            (3, "a"),
            (4, "a鍵"),
            (5, "a鍵"),
            (7, "a鍵"),
            (8, "a鍵🔑"),
            (9, "a鍵🔑b"),
            (100, "a鍵🔑b"),
        ] {
            assert_eq!(cut(text, max), expected, "{max}");
        }
        assert_eq!(cut("🔑", 3), "");
    }

    /// A hand-written error whose detail and message are as long as asked.
    #[derive(Debug)]
    struct Long {
        detail: String,
        message: String,
    }

    impl SkmsError for Long {
        fn code(&self) -> u32 {
            60400
        }
        fn status(&self) -> u16 {
            400
        }
        fn message(&self) -> &str {
            &self.message
        }
        fn detail(&self) -> Option<Cow<'_, str>> {
            Some(Cow::Borrowed(&self.detail))
        }
    }

    fn sent(error: &Long) -> Status {
        DetailPolicy::DEFAULT.status(error)
    }

    #[test]
    fn a_long_detail_is_cut_and_marked_a_long_message_cut() {
        // At the limit: whole, unmarked.
        let whole = "x".repeat(MAX_DETAIL_BYTES);
        let status = sent(&Long {
            detail: whole.clone(),
            message: "m".into(),
        });
        assert!(status.metadata().get(DETAIL_TRUNCATED_KEY).is_none());
        let decoded = Decoded::<StandardError>::from_status(&status)
            .unwrap()
            .unwrap();
        assert_eq!(
            (decoded.detail(), decoded.detail_truncated()),
            (Some(whole.as_str()), None)
        );

        // One byte more, the last character straddling the limit.
        let detail = std::format!("{}鍵", "x".repeat(MAX_DETAIL_BYTES - 2));
        let message = "鍵".repeat(MAX_MESSAGE_BYTES);
        let status = sent(&Long {
            detail: detail.clone(),
            message: message.clone(),
        });
        let mark = status.metadata().get(DETAIL_TRUNCATED_KEY).unwrap();
        assert_eq!(mark.to_str().unwrap(), (MAX_DETAIL_BYTES + 1).to_string());
        let decoded = Decoded::<StandardError>::from_status(&status)
            .unwrap()
            .unwrap();
        assert_eq!(decoded.detail(), Some(&detail[..MAX_DETAIL_BYTES - 2]));
        assert_eq!(decoded.detail_truncated(), Some(detail.len()));
        assert_eq!(decoded.message(), cut(&message, MAX_MESSAGE_BYTES));
        assert_eq!(decoded.message().len(), MAX_MESSAGE_BYTES - 1);
    }

    fn marked(detail: Option<&str>, marks: &[&'static str]) -> Status {
        let mut status = Status::invalid_argument("Key not found in the keyVault");
        let metadata = status.metadata_mut();
        metadata.insert("skms-code", MetadataValue::from_static("40013"));
        if let Some(detail) = detail {
            metadata.insert_bin(DETAIL_KEY, MetadataValue::from_bytes(detail.as_bytes()));
        }
        for mark in marks {
            metadata.append(DETAIL_TRUNCATED_KEY, MetadataValue::from_static(mark));
        }
        status
    }

    #[test]
    fn a_mark_that_no_server_writes_is_refused() {
        let decode = |status: &Status| Decoded::<StandardError>::from_status(status);
        let decoded = decode(&marked(Some("abc"), &["4"])).unwrap().unwrap();
        assert_eq!(decoded.detail_truncated(), Some(4));
        // The code is known, and rebuilds a unit variant.
        assert_eq!(decoded.error(), Some(&StandardError::KeyNotFound));
        for (status, kind) in [
            (
                marked(Some("abc"), &["3"]),
                StatusDecodeErrorKind::TruncatedNotLength,
            ),
            (
                marked(Some("abc"), &["2"]),
                StatusDecodeErrorKind::TruncatedNotLength,
            ),
            (
                marked(Some("abc"), &[""]),
                StatusDecodeErrorKind::TruncatedNotLength,
            ),
            (
                marked(Some("abc"), &["+9"]),
                StatusDecodeErrorKind::TruncatedNotLength,
            ),
            (
                marked(Some("abc"), &["99999999999999999999999"]),
                StatusDecodeErrorKind::TruncatedNotLength,
            ),
            (
                marked(Some("abc"), &["9", "9"]),
                StatusDecodeErrorKind::DuplicateTruncated,
            ),
            (
                marked(None, &["9"]),
                StatusDecodeErrorKind::TruncatedWithoutDetail,
            ),
        ] {
            assert_eq!(decode(&status).unwrap_err().kind(), kind, "{status:?}");
        }
        assert_eq!(
            decode(&marked(Some("abc"), &["3"]))
                .unwrap_err()
                .to_string(),
            "invalid SKMS status: `skms-detail-truncated` must be a length in bytes greater \
             than the detail's, found \"3\""
        );
    }

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
