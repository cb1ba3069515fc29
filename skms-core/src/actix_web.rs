//! SKMS errors as actix-web error responses.
//!
//! With feature `actix-web`, every derived type (and so
//! [`StandardError`](crate::StandardError)) implements actix-web's
//! `ResponseError`, so a handler returns it in a `Result`:
//!
//! ```
//! use actix_web::ResponseError;
//! use skms_core::{SkmsError, StandardError};
//!
//! #[derive(Debug, SkmsError)]
//! enum VaultError {
//!     #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault", detail = "keyId : {0}")]
//!     KeyNotFound(String),
//!     #[skms(transparent)]
//!     Standard(StandardError),
//! }
//!
//! async fn get_key(key_id: String) -> Result<String, VaultError> {
//!     Err(VaultError::KeyNotFound(key_id))
//! }
//!
//! let response = VaultError::KeyNotFound("0000009".into()).error_response();
//! assert_eq!(response.status(), 400);
//! assert_eq!(response.headers().get("content-type").unwrap(), "application/json");
//! ```
//!
//! The response has the error's status, `content-type: application/json`,
//! and the JSON body of [`SkmsError::write_json`] after the
//! [`DetailPolicy`] in force: byte for byte what `serde_json` writes for the
//! body the client is allowed to see.
//!
//! `ResponseError` needs `Debug` and `Display`: a derived type has them,
//! unless it says `#[skms(std_error = false)]` and has no `Display` of its
//! own (from thiserror, say), in which case it does not implement
//! `ResponseError`.

use ::actix_web::http::header::{HeaderValue, CONTENT_TYPE};
use ::actix_web::http::StatusCode;
use ::actix_web::HttpResponse;

use crate::{DetailPolicy, SkmsError};

/// The status that `error` is answered with, as actix-web's `StatusCode`.
///
/// A derived error's status is always one (`400..=599`); a hand-written
/// [`SkmsError::status`] outside `100..=999` is answered with 500 Internal
/// Server Error, and the mistake is logged.
#[must_use]
pub fn status_code<E: SkmsError + ?Sized>(error: &E) -> StatusCode {
    let status = error.status();
    StatusCode::from_u16(status).unwrap_or_else(|_| {
        tracing::error!(
            target: "skms_core",
            code = error.code(),
            status,
            "SKMS error {} has status {status}, which is not an HTTP status code (100 to 999); \
             answering 500 Internal Server Error",
            error.code(),
        );
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// The actix-web response that `error` is answered with under the installed
/// [`DetailPolicy`]: what the derived `ResponseError::error_response`
/// returns, for a hand-written [`SkmsError`] or a `&dyn SkmsError`.
///
/// ```
/// use skms_core::StandardError;
///
/// let response = skms_core::actix_web::error_response(&StandardError::InvalidToken);
/// assert_eq!(response.status(), 401);
/// ```
#[must_use]
pub fn error_response<E: SkmsError + ?Sized>(error: &E) -> HttpResponse {
    DetailPolicy::installed().actix_response(error)
}

impl DetailPolicy {
    /// The actix-web response that `error` is answered with under this
    /// policy: its status (see [`status_code`]),
    /// `content-type: application/json`, and the JSON body of
    /// [`DetailPolicy::write_json`], which logs a withheld detail.
    ///
    /// Every integration answers with the installed policy; this is for
    /// answering with another one in one place.
    #[must_use]
    pub fn actix_response<E: SkmsError + ?Sized>(&self, error: &E) -> HttpResponse {
        let status = status_code(error);
        let body = self.to_json_vec(error);
        let mut response = HttpResponse::with_body(status, body);
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        response.map_into_boxed_body()
    }
}
