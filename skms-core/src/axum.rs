//! SKMS errors as axum responses.
//!
//! With feature `axum`, every derived type (and so
//! [`StandardError`](crate::StandardError)) implements axum's
//! `IntoResponse`, so a handler returns it as it is, or in a `Result`:
//!
//! ```
//! use axum_core::response::IntoResponse;
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
//! let response = VaultError::KeyNotFound("0000009".into()).into_response();
//! assert_eq!(response.status(), 400);
//! assert_eq!(response.headers()["content-type"], "application/json");
//! ```
//!
//! The response has the error's status, `content-type: application/json`,
//! and the JSON body of [`SkmsError::write_json`] after the
//! [`DetailPolicy`] in force: byte for byte what `serde_json` writes for the
//! body the client is allowed to see.
//!
//! axum's `IntoResponse` is the one of `axum-core`, which axum re-exports:
//! axum 0.8 (`axum-core` 0.5).

use ::axum_core::body::Body;
use ::axum_core::response::Response;

use crate::{DetailPolicy, SkmsError};

/// The axum response that `error` is answered with under the installed
/// [`DetailPolicy`]: what the derived `IntoResponse` returns, for a
/// hand-written [`SkmsError`] or a `&dyn SkmsError`.
///
/// ```
/// use skms_core::{SkmsError, StandardError};
///
/// let error: Box<dyn SkmsError + Send> = Box::new(StandardError::InvalidToken);
/// let response = skms_core::axum::response(&*error);
/// assert_eq!(response.status(), 401);
/// ```
#[must_use]
pub fn response<E: SkmsError + ?Sized>(error: &E) -> Response {
    DetailPolicy::installed().http_response::<Body, E>(error)
}
