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
//! What axum answers on its own before a handler runs (an extractor's
//! rejection, a path that no route matches, a method that the route does
//! not take) is answered with SKMS errors too, through the service's
//! `From<`[`Rejection`]`>`: [`WithSkmsRejection`] around an extractor,
//! [`fallback`] and [`method_not_allowed`] for the router.
//!
//! axum's `IntoResponse` is the one of `axum-core`, which axum re-exports:
//! axum 0.8 (`axum-core` 0.5).

use ::axum_core::body::Body;
use ::axum_core::response::Response;
use std::string::String;

use crate::{DetailPolicy, Rejection, SkmsError};

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

/// The extractor `T`, whose rejection is answered with the SKMS error `E`:
/// `WithSkmsRejection(Path(id), _): WithSkmsRejection<Path<u64>, ShopError>`
/// in a handler's arguments, where `Path(id): Path<u64>` would answer
/// axum's plain text (`Invalid URL: Cannot parse ...`, 400).
///
/// Any extractor: one of the request's parts (`Path`, `Query`, a header
/// extractor) or the one that takes the body (`Json`, `Form`, `String`),
/// whose rejection implements `Display`, as every rejection of axum does.
/// The rejection is read as a [`Rejection`] (its status and its text) and
/// converted by the service's `From<Rejection> for E`; `E` answers it as
/// every SKMS error is answered, its `IntoResponse` with the
/// [`DetailPolicy`] in force. [`Rejection::standard`] gives the
/// reference's code where one fits (40105 "Required value is missing" for
/// a missing field), the service chooses its own for the rest.
///
/// In the spirit of axum-extra's `WithRejection`, without a `From` impl per
/// rejection type: skms-core depends on `axum-core`, not on axum, whose
/// `Path`, `Json` and `Query` rejections it cannot name.
///
/// ```
/// use axum::extract::Path;
/// use axum::routing::get;
/// use skms_core::axum::WithSkmsRejection;
/// use skms_core::{Rejection, SkmsError, StandardError};
///
/// #[derive(Debug, SkmsError)]
/// enum ShopError {
///     #[skms(code = 60400, status = 400, msg = "Malformed request", detail = "{0}")]
///     Malformed(String),
///     #[skms(code = 60404, status = 404, msg = "No such order")]
///     NoSuchOrder,
///     #[skms(transparent)]
///     Standard(StandardError),
/// }
///
/// impl From<Rejection> for ShopError {
///     fn from(rejection: Rejection) -> Self {
///         match rejection.standard() {
///             Some(standard) => ShopError::Standard(standard),
///             None => ShopError::Malformed(rejection.text().to_owned()),
///         }
///     }
/// }
///
/// async fn order(
///     WithSkmsRejection(Path(id), _): WithSkmsRejection<Path<u64>, ShopError>,
/// ) -> Result<String, ShopError> {
///     if id == 1 { Ok("order 1".into()) } else { Err(ShopError::NoSuchOrder) }
/// }
///
/// let app: axum::Router = axum::Router::new().route("/orders/{id}", get(order));
/// ```
pub struct WithSkmsRejection<T, E>(pub T, pub core::marker::PhantomData<fn() -> E>);

impl<T, E> WithSkmsRejection<T, E> {
    /// The extracted value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T, E> core::ops::Deref for WithSkmsRejection<T, E> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T, E> core::ops::DerefMut for WithSkmsRejection<T, E> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: core::fmt::Debug, E> core::fmt::Debug for WithSkmsRejection<T, E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("WithSkmsRejection").field(&self.0).finish()
    }
}

impl<T: Clone, E> Clone for WithSkmsRejection<T, E> {
    fn clone(&self) -> Self {
        WithSkmsRejection(self.0.clone(), core::marker::PhantomData)
    }
}

/// The rejection of an extractor as a [`Rejection`]: its text, then the
/// status of the response it would have answered.
fn rejection<R>(rejection: R) -> Rejection
where
    R: ::axum_core::response::IntoResponse + core::fmt::Display,
{
    let mut read = Rejection::new(0, &rejection);
    read.status = rejection.into_response().status().as_u16();
    read
}

/// One of the request's parts, `Path<u64>` say: its rejection answered as
/// `E`.
impl<S, T, E> ::axum_core::extract::FromRequestParts<S> for WithSkmsRejection<T, E>
where
    S: Send + Sync,
    T: ::axum_core::extract::FromRequestParts<S>,
    T::Rejection: core::fmt::Display,
    E: From<Rejection> + ::axum_core::response::IntoResponse,
{
    type Rejection = E;

    async fn from_request_parts(parts: &mut ::http::request::Parts, state: &S) -> Result<Self, E> {
        match T::from_request_parts(parts, state).await {
            Ok(value) => Ok(WithSkmsRejection(value, core::marker::PhantomData)),
            Err(refused) => Err(E::from(rejection(refused))),
        }
    }
}

/// The extractor of the body, `Json<Order>` say: its rejection answered as
/// `E`.
impl<S, T, E> ::axum_core::extract::FromRequest<S> for WithSkmsRejection<T, E>
where
    S: Send + Sync,
    T: ::axum_core::extract::FromRequest<S>,
    T::Rejection: core::fmt::Display,
    E: From<Rejection> + ::axum_core::response::IntoResponse,
{
    type Rejection = E;

    async fn from_request(request: ::axum_core::extract::Request, state: &S) -> Result<Self, E> {
        match T::from_request(request, state).await {
            Ok(value) => Ok(WithSkmsRejection(value, core::marker::PhantomData)),
            Err(refused) => Err(E::from(rejection(refused))),
        }
    }
}

/// A handler for a path that no route matches, `Router::fallback`: the
/// SKMS error `E::from(rejection)` of a [`Rejection`] with status 404 and
/// the text `No route matches the path` (the path is not quoted), where
/// axum would answer an empty 404.
///
/// The reference has no code for it (none of its codes answers 404), so
/// the service's `From<Rejection>` chooses one. With
/// [`method_not_allowed`] and [`WithSkmsRejection`], every error that a
/// client of the router sees is an SKMS body:
///
/// ```
/// use axum::extract::Path;
/// use axum::routing::get;
/// use skms_core::axum::{fallback, method_not_allowed, WithSkmsRejection};
/// use skms_core::{Rejection, SkmsError, StandardError};
///
/// #[derive(Debug, SkmsError)]
/// enum ShopError {
///     #[skms(code = 60400, status = 400, msg = "Malformed request", detail = "{0}")]
///     Malformed(String),
///     #[skms(code = 60404, status = 404, msg = "No such resource")]
///     NoSuchResource,
///     #[skms(code = 60405, status = 405, msg = "Method not allowed", detail = "{0}")]
///     MethodNotAllowed(String),
///     #[skms(code = 60001, status = 404, msg = "No such order", detail = "{0}")]
///     NoSuchOrder(u64),
///     #[skms(transparent)]
///     Standard(StandardError),
/// }
///
/// impl From<Rejection> for ShopError {
///     fn from(rejection: Rejection) -> Self {
///         match (rejection.standard(), rejection.status()) {
///             (Some(standard), _) => ShopError::Standard(standard), // 40105, 50001
///             (None, 404) => ShopError::NoSuchResource,
///             (None, 405) => ShopError::MethodNotAllowed(rejection.text().to_owned()),
///             (None, _) => ShopError::Malformed(rejection.text().to_owned()),
///         }
///     }
/// }
///
/// async fn order(
///     WithSkmsRejection(Path(id), _): WithSkmsRejection<Path<u64>, ShopError>,
/// ) -> Result<String, ShopError> {
///     Err(ShopError::NoSuchOrder(id))
/// }
///
/// let app: axum::Router = axum::Router::new()
///     .route("/orders/{id}", get(order))
///     .fallback(fallback::<ShopError>)
///     .method_not_allowed_fallback(method_not_allowed::<ShopError>);
/// ```
pub async fn fallback<E: From<Rejection> + SkmsError>() -> Response {
    response(&E::from(crate::rejection::no_route()))
}

/// A handler for a method that a route does not take,
/// `Router::method_not_allowed_fallback`: the SKMS error `E::from(rejection)`
/// of a [`Rejection`] with status 405 and the text
/// `Method DELETE is not allowed here`, where axum would answer an empty
/// 405. axum still adds the `Allow` header of the route's methods.
///
/// The reference has no code for it, so the service's `From<Rejection>`
/// chooses one; see [`fallback`] for both at once.
pub async fn method_not_allowed<E: From<Rejection> + SkmsError>(
    method: ::http::Method,
) -> Response {
    response(&E::from(crate::rejection::method_not_allowed(
        method.as_str(),
    )))
}

#[cfg(test)]
mod tests {
    use super::WithSkmsRejection;
    use crate::StandardError;
    use std::format;
    use std::string::String;

    #[test]
    fn the_wrapper_is_its_value() {
        let mut wrapped: WithSkmsRejection<String, StandardError> =
            WithSkmsRejection(String::from("tea"), core::marker::PhantomData);
        assert_eq!(wrapped.len(), 3); // through Deref
        wrapped.push('s'); // through DerefMut
        let copy = wrapped.clone();
        assert_eq!(format!("{copy:?}"), r#"WithSkmsRejection("teas")"#);
        assert_eq!(wrapped.into_inner(), "teas");
        assert_eq!(copy.0, "teas");
    }
}
