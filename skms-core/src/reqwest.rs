//! Reading SKMS errors with reqwest.
//!
//! [`SkmsResponseExt::skms_error_for_status`] is reqwest's
//! `error_for_status` for SKMS services: a response with a 4xx or 5xx status
//! becomes an [`SkmsHttpError`] that carries the status and the decoded
//! [`ErrorBody`], or, when the body is not an SKMS body (a proxy's HTML
//! page, an empty body), the raw text and the reason it is not one.
//!
//! [`SkmsHttpError::decode`] rebuilds the body as the service's own error
//! type, shared with the server (see [`FromBody`]):
//!
//! ```no_run
//! use skms_core::reqwest::SkmsResponseExt;
//! use skms_core::SkmsError;
//!
//! #[derive(Debug, PartialEq, SkmsError)]
//! enum VaultError {
//!     #[skms(code = 40013, detail = "keyId : {key_id}")]
//!     KeyNotFound { key_id: String },
//! }
//!
//! /// The key, `None` when the vault has no such key; any other error passed on.
//! async fn fetch_key(client: &reqwest::Client, key_id: &str) -> Result<Option<String>, Box<dyn std::error::Error>> {
//!     let url = format!("http://127.0.0.1:3000/keys/{key_id}");
//!     match client.get(url).send().await?.skms_error_for_status().await {
//!         Ok(response) => Ok(Some(response.text().await?)),
//!         Err(error) => match error.decode::<VaultError>() {
//!             // The typed error, its field read back from the detail.
//!             Some(decoded) if matches!(decoded.error(), Some(VaultError::KeyNotFound { .. })) => Ok(None),
//!             // Another SKMS code (`decoded.code()`), or not an SKMS body
//!             // (`error.text()`): kept whole.
//!             _ => Err(error.into()),
//!         },
//!     }
//! }
//! ```

use core::fmt;
use core::future::Future;
use std::borrow::Cow;
use std::string::String;
use std::vec::Vec;

use ::reqwest::{Response, StatusCode, Url};

use crate::{Decoded, ErrorBody, FromBody};

/// The most of an error response's body that is read: an SKMS body is a few
/// hundred bytes, and a misbehaving server must not make the client buffer
/// an unbounded one. A longer body is reported as
/// [`ErrorContent::NotSkms`], with its first `MAX_BODY_LEN` bytes.
pub const MAX_BODY_LEN: usize = 64 * 1024;

/// Turns reqwest responses with an error status into [`SkmsHttpError`]s.
///
/// Sealed: implemented for `reqwest::Response` only.
pub trait SkmsResponseExt: sealed::Sealed + Sized {
    /// `Ok(self)` when the status is not a client or server error (4xx,
    /// 5xx), as reqwest's `error_for_status`; else reads the body (at most
    /// [`MAX_BODY_LEN`] bytes) into an [`SkmsHttpError`].
    ///
    /// # Errors
    ///
    /// An [`SkmsHttpError`] for every 4xx and 5xx response, whatever its
    /// body: see [`ErrorContent`].
    fn skms_error_for_status(self) -> impl Future<Output = Result<Self, SkmsHttpError>> + Send;
}

impl SkmsResponseExt for Response {
    async fn skms_error_for_status(self) -> Result<Self, SkmsHttpError> {
        let status = self.status();
        if !(status.is_client_error() || status.is_server_error()) {
            return Ok(self);
        }
        let url = self.url().clone();
        let content = match read_body(self).await {
            Ok(bytes) => ErrorContent::decode(bytes),
            Err(error) => ErrorContent::Unreadable(error),
        };
        Err(SkmsHttpError {
            status,
            url: Box::new(url),
            content,
        })
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for ::reqwest::Response {}
}

/// The body, up to one byte past [`MAX_BODY_LEN`] (so that a longer one is
/// seen to be longer).
async fn read_body(mut response: Response) -> Result<Vec<u8>, ::reqwest::Error> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let room = MAX_BODY_LEN + 1 - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() > MAX_BODY_LEN {
            break;
        }
    }
    Ok(body)
}

/// A response with a 4xx or 5xx status, from
/// [`SkmsResponseExt::skms_error_for_status`].
///
/// Its [`Display`](fmt::Display) names the status and the SKMS body as
/// received: `HTTP 400 Bad Request: [40013] Key not found in the keyVault:
/// keyId : 0000009`.
#[derive(Debug)]
pub struct SkmsHttpError {
    status: StatusCode,
    url: Box<Url>,
    content: ErrorContent,
}

/// What the body of an error response turned out to be.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorContent {
    /// An SKMS body, decoded as strictly as [`ErrorBody`] decodes.
    Skms(ErrorBody<'static>),
    /// Not an SKMS body.
    NotSkms {
        /// The body as text (invalid UTF-8 replaced by `U+FFFD`), at most
        /// [`MAX_BODY_LEN`] bytes of it.
        text: String,
        /// Why it is not an SKMS body: `the body is empty`, or what
        /// decoding it as one said, such as ``invalid SKMS error body: `code`
        /// is missing at line 1 column 15``.
        reason: String,
    },
    /// The body could not be read: the connection broke, or timed out.
    Unreadable(::reqwest::Error),
}

impl ErrorContent {
    fn decode(bytes: Vec<u8>) -> Self {
        if bytes.len() > MAX_BODY_LEN {
            return ErrorContent::NotSkms {
                text: lossy(&bytes[..MAX_BODY_LEN]),
                reason: std::format!("the body is longer than {MAX_BODY_LEN} bytes"),
            };
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return ErrorContent::NotSkms {
                text: lossy(&bytes),
                reason: "the body is empty".into(),
            };
        }
        match ErrorBody::from_slice(&bytes) {
            Ok(body) => ErrorContent::Skms(body.into_owned()),
            Err(error) => ErrorContent::NotSkms {
                text: lossy(&bytes),
                reason: error.to_string(),
            },
        }
    }
}

fn lossy(bytes: &[u8]) -> String {
    match String::from_utf8_lossy(bytes) {
        Cow::Borrowed(text) => text.into(),
        Cow::Owned(text) => text,
    }
}

impl SkmsHttpError {
    /// The status of the response.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The URL of the response (after redirects).
    #[must_use]
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// What the body turned out to be.
    #[must_use]
    pub fn content(&self) -> &ErrorContent {
        &self.content
    }

    /// What the body turned out to be, owned.
    #[must_use]
    pub fn into_content(self) -> ErrorContent {
        self.content
    }

    /// The SKMS body, when the response had one: the start of typed
    /// decoding (its `code` names the variant of the service's catalog).
    #[must_use]
    pub fn body(&self) -> Option<&ErrorBody<'static>> {
        match &self.content {
            ErrorContent::Skms(body) => Some(body),
            ErrorContent::NotSkms { .. } | ErrorContent::Unreadable(_) => None,
        }
    }

    /// The SKMS body, owned, when the response had one.
    #[must_use]
    pub fn into_body(self) -> Option<ErrorBody<'static>> {
        match self.content {
            ErrorContent::Skms(body) => Some(body),
            ErrorContent::NotSkms { .. } | ErrorContent::Unreadable(_) => None,
        }
    }

    /// The SKMS body rebuilt as the typed error of the catalog `E`, when
    /// the response had an SKMS body: [`Decoded::error`] is `None` for a
    /// code that `E` does not know, and the body is kept whole either way.
    #[must_use]
    pub fn decode<E: FromBody>(&self) -> Option<Decoded<E>> {
        self.body().cloned().map(Decoded::from_body)
    }

    /// The SKMS code of the body, when the response had an SKMS body.
    #[must_use]
    pub fn code(&self) -> Option<u32> {
        self.body().map(|body| body.code)
    }

    /// The body as text, when it was not an SKMS body.
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        match &self.content {
            ErrorContent::NotSkms { text, .. } => Some(text),
            ErrorContent::Skms(_) | ErrorContent::Unreadable(_) => None,
        }
    }
}

impl fmt::Display for SkmsHttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        match &self.content {
            ErrorContent::Skms(body) => write!(f, ": {body}"),
            ErrorContent::NotSkms { reason, .. } => {
                write!(f, ", and the body is not an SKMS error body: {reason}")
            }
            ErrorContent::Unreadable(_) => f.write_str(", and the body could not be read"),
        }
    }
}

impl std::error::Error for SkmsHttpError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.content {
            ErrorContent::Unreadable(error) => Some(error),
            ErrorContent::Skms(_) | ErrorContent::NotSkms { .. } => None,
        }
    }
}
