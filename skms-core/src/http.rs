//! SKMS errors as `http` status codes and responses, for anything built on
//! the [`http`] crate: hyper, tower, tonic's HTTP side, axum.
//!
//! Every derived type (and so [`StandardError`](crate::StandardError))
//! converts with `From`/`Into`:
//!
//! ```
//! use skms_core::StandardError;
//!
//! let status = http::StatusCode::from(&StandardError::InvalidToken);
//! assert_eq!(status, http::StatusCode::UNAUTHORIZED);
//!
//! let response: http::Response<Vec<u8>> = StandardError::KeyNotFound.into();
//! assert_eq!(response.status(), 400);
//! assert_eq!(response.headers()["content-type"], "application/json");
//! assert_eq!(response.body(), br#"{"code":40013,"message":"Key not found in the keyVault"}"#);
//! ```
//!
//! The body of the response is any type that converts from `Vec<u8>`:
//! `Vec<u8>`, `bytes::Bytes`, `http_body_util::Full<Bytes>`,
//! `axum::body::Body`. Its detail goes through the [`DetailPolicy`] in force.
//! For a hand-written [`SkmsError`], or a `&dyn SkmsError`, the functions
//! here do the same.

use ::http::header::{HeaderValue, CONTENT_TYPE};
use ::http::{Response, StatusCode};
use core::fmt;
use std::vec::Vec;

use crate::observe::Transport;
use crate::{DetailPolicy, SkmsError};

/// The status that `error` is answered with, as an [`http::StatusCode`].
///
/// A derived error's status is always one (`400..=599`). A hand-written
/// [`SkmsError::status`] outside `100..=999` is answered with 500 Internal
/// Server Error, and the mistake is logged (feature `tracing`); use
/// [`try_status_code`] to see it as an error instead.
///
/// ```
/// use skms_core::StandardError;
///
/// assert_eq!(skms_core::http::status_code(&StandardError::PermissionDenied), 401);
/// ```
#[must_use]
pub fn status_code<E: SkmsError + ?Sized>(error: &E) -> StatusCode {
    try_status_code(error).unwrap_or_else(|invalid| {
        invalid.log();
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// The status that `error` is answered with, as an [`http::StatusCode`].
///
/// # Errors
///
/// [`InvalidStatus`] when [`SkmsError::status`] is not an HTTP status code
/// (`100..=999`), which only a hand-written impl can return.
pub fn try_status_code<E: SkmsError + ?Sized>(error: &E) -> Result<StatusCode, InvalidStatus> {
    let status = error.status();
    StatusCode::from_u16(status).map_err(|_| InvalidStatus {
        code: error.code(),
        status,
    })
}

/// The response that `error` is answered with under the
/// [`DetailPolicy`] in force ([`DetailPolicy::in_force`]): its status,
/// `content-type: application/json`, and its JSON body.
///
/// ```
/// use skms_core::StandardError;
///
/// let response = skms_core::http::response::<Vec<u8>, _>(&StandardError::InternalError);
/// assert_eq!(response.status(), 500);
/// ```
#[must_use]
pub fn response<B, E>(error: &E) -> Response<B>
where
    B: From<Vec<u8>>,
    E: SkmsError + ?Sized,
{
    DetailPolicy::in_force().http_response(error)
}

impl DetailPolicy {
    /// The response that `error` is answered with under this policy: its
    /// status (see [`status_code`]), `content-type: application/json`, and
    /// the JSON body of [`DetailPolicy::write_json`], which logs a withheld
    /// detail.
    ///
    /// Every integration answers with the policy in force; this is for
    /// answering with another one in one place, an axum handler for
    /// instance (`B = axum::body::Body`).
    ///
    /// ```
    /// use skms_core::{DetailPolicy, SkmsError};
    ///
    /// #[derive(Debug, SkmsError)]
    /// #[skms(code = 50001, status = 500, msg = "An unexpected error has occurred in the internal system", detail = "{0}")]
    /// struct Internal(&'static str);
    ///
    /// let admin = DetailPolicy::DEFAULT.show_server_error_details(true);
    /// let response: http::Response<Vec<u8>> = admin.http_response(&Internal("disk full"));
    /// assert!(response.body().ends_with(br#""detail":"disk full"}"#));
    /// ```
    #[must_use]
    pub fn http_response<B, E>(&self, error: &E) -> Response<B>
    where
        B: From<Vec<u8>>,
        E: SkmsError + ?Sized,
    {
        let status = status_code(error);
        // Before the body, so that the log of a withheld detail is inside a
        // span that already carries the code.
        crate::observe::answered_with(error.code(), status.as_u16(), Transport::Http);
        let body = self.to_json_vec(error);
        json_response(status, body)
    }
}

/// A response with `status` and the JSON `body`. Not generic over the error,
/// so that it is compiled once per body type.
fn json_response<B: From<Vec<u8>>>(status: StatusCode, body: Vec<u8>) -> Response<B> {
    let mut response = Response::new(B::from(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// A hand-written [`SkmsError::status`] that is not an HTTP status code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidStatus {
    code: u32,
    status: u16,
}

impl InvalidStatus {
    /// The SKMS code of the error.
    #[must_use]
    pub const fn code(&self) -> u32 {
        self.code
    }

    /// The status it gave, which is not in `100..=999`.
    #[must_use]
    pub const fn status(&self) -> u16 {
        self.status
    }

    fn log(&self) {
        tracing::error!(
            target: "skms_core",
            code = self.code,
            status = self.status,
            "{self}; answering 500 Internal Server Error",
        );
    }
}

impl fmt::Display for InvalidStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SKMS error {} has status {}, which is not an HTTP status code (100 to 999)",
            self.code, self.status
        )
    }
}

impl std::error::Error for InvalidStatus {}
