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
use std::string::String;

use crate::{DetailPolicy, SkmsError};

/// The axum response that `error` is answered with under the
/// [`DetailPolicy`] in force ([`DetailPolicy::in_force`]): what the derived
/// `IntoResponse` returns, for a hand-written [`SkmsError`] or a
/// `&dyn SkmsError`.
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
    DetailPolicy::in_force().http_response::<Body, E>(error)
}

/// A handler that serves the composed catalog of `E`: `GET /errors`,
/// mounted wherever the service wants.
///
/// JSON ([`Listing::to_json`](crate::Listing::to_json)) by default; the
/// reference's Markdown table
/// ([`Listing::to_markdown`](crate::Listing::to_markdown)) when the
/// request's `Accept` prefers `text/markdown`. With [`catalog_entry`] for
/// one code:
///
/// ```
/// use axum::routing::get;
/// use skms_core::StandardError;
///
/// let app: axum::Router = axum::Router::new()
///     .route("/errors", get(skms_core::axum::catalog::<StandardError>))
///     .route("/errors/{code}", get(skms_core::axum::catalog_entry::<StandardError>));
/// ```
pub async fn catalog<E: crate::Catalog>(headers: ::http::HeaderMap) -> Response {
    let format = crate::catalog_endpoint::Format::negotiate(accept(&headers).as_deref());
    text_response(format, crate::catalog_endpoint::listing::<E>(format))
}

/// A handler that serves one code of the composed catalog of `E`, the last
/// segment of the request's path: `GET /errors/40013`. The code is a JSON
/// object (as [`catalog`] lists it), or a Markdown table of one row; a code
/// that the catalog does not hold, or a segment that is not a code, is
/// answered 404 with the SKMS body of
/// [`CodeNotInCatalog`](crate::CodeNotInCatalog).
///
/// A catalog that gives that body's code, 40400, a meaning of its own
/// cannot be served: its clients would decode the endpoint's 404 as its
/// variant. `cargo build` fails where the handler is built for it:
///
/// ```compile_fail,E0080
/// use axum::routing::get;
/// use skms_core::{SkmsError, StandardError};
///
/// #[derive(Debug, SkmsError)]
/// enum KmsError {
///     #[skms(code = 40400, status = 404, msg = "Resource not found")]
///     ResourceNotFound,
///     #[skms(transparent)]
///     Standard(StandardError),
/// }
///
/// // error[E0080]: evaluation panicked: the catalog endpoint answers a code it
/// // does not hold with 40400 (404, "Error code not found in the catalog"),
/// // which this catalog gives to `ResourceNotFound` (404, "Resource not found")...
/// let app: axum::Router = axum::Router::new()
///     .route("/errors/{code}", get(skms_core::axum::catalog_entry::<KmsError>));
/// ```
pub async fn catalog_entry<E: crate::Catalog>(
    uri: ::http::Uri,
    headers: ::http::HeaderMap,
) -> Response {
    let format = crate::catalog_endpoint::Format::negotiate(accept(&headers).as_deref());
    let requested = crate::catalog_endpoint::last_segment(uri.path());
    match crate::catalog_endpoint::entry::<E>(requested, format) {
        Ok(text) => text_response(format, text),
        Err(not_found) => response(&not_found),
    }
}

/// The request's `Accept` headers, every one of them, as one list.
fn accept(headers: &::http::HeaderMap) -> Option<Vec<u8>> {
    crate::catalog_endpoint::accept_headers(
        headers
            .get_all(::http::header::ACCEPT)
            .iter()
            .map(::http::HeaderValue::as_bytes),
    )
}

/// A 200 answer of the catalog endpoint.
fn text_response(format: crate::catalog_endpoint::Format, text: String) -> Response {
    let mut response = Response::new(Body::from(text));
    let headers = response.headers_mut();
    headers.insert(
        ::http::header::CONTENT_TYPE,
        ::http::HeaderValue::from_static(format.content_type()),
    );
    headers.insert(
        ::http::header::VARY,
        ::http::HeaderValue::from_static("accept"),
    );
    response
}
