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
//! What actix-web answers on its own before a handler runs (an
//! extractor's error, a path that no route matches, a method that a
//! resource does not take) is answered with SKMS errors too, through the
//! service's `From<`[`Rejection`](crate::Rejection)`>`: [`rejection`] for
//! the extractors' configurations, [`fallback`] and [`method_not_allowed`]
//! as default services.
//!
//! `ResponseError` needs `Debug` and `Display`: a derived type has them,
//! unless it says `#[skms(std_error = false)]` and has no `Display` of its
//! own (from thiserror, say), in which case it does not implement
//! `ResponseError`.

use ::actix_web::http::header::{HeaderValue, CONTENT_TYPE};
use ::actix_web::http::StatusCode;
use ::actix_web::HttpResponse;

use crate::observe::Transport;
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

/// The actix-web response that `error` is answered with under the
/// [`DetailPolicy`] in force ([`DetailPolicy::in_force`]): what the derived
/// `ResponseError::error_response` returns, for a hand-written [`SkmsError`]
/// or a `&dyn SkmsError`.
///
/// ```
/// use skms_core::StandardError;
///
/// let response = skms_core::actix_web::error_response(&StandardError::InvalidToken);
/// assert_eq!(response.status(), 401);
/// ```
#[must_use]
pub fn error_response<E: SkmsError + ?Sized>(error: &E) -> HttpResponse {
    DetailPolicy::in_force().actix_response(error)
}

impl DetailPolicy {
    /// The actix-web response that `error` is answered with under this
    /// policy: its status (see [`status_code`]),
    /// `content-type: application/json`, and the JSON body of
    /// [`DetailPolicy::write_json`], which logs a withheld detail.
    ///
    /// Every integration answers with the policy in force; this is for
    /// answering with another one in one place.
    #[must_use]
    pub fn actix_response<E: SkmsError + ?Sized>(&self, error: &E) -> HttpResponse {
        let status = status_code(error);
        // Before the body, so that the log of a withheld detail is inside a
        // span that already carries the code.
        crate::observe::answered_with(error.code(), status.as_u16(), Transport::Http);
        let body = self.to_json_vec(error);
        let mut response = HttpResponse::with_body(status, body);
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        response.map_into_boxed_body()
    }
}

/// An actix-web middleware that answers the SKMS errors of the app, scope or
/// resource it wraps with its own [`DetailPolicy`]:
/// `web::scope("/admin").wrap(policy.actix_middleware())`.
///
/// One process often serves a public API and an internal one, which must
/// expose different details; the rest of the process keeps the installed
/// policy. While the wrapped service's future is polled, and then while the
/// body of its response is polled, the policy is
/// [in force](DetailPolicy::in_force) on that thread
/// ([`DetailPolicy::scope`]), and every SKMS error that a handler returns is
/// answered with it: actix-web turns a handler's error into its response
/// there, and a streaming body (`HttpResponse::streaming`), polled after
/// the handler has returned, writes its errors there. A withheld detail is
/// logged once, by the conversion that withholds it, and never sent.
///
/// An error that a service below returns as `Err(actix_web::Error)` instead
/// of a response (another middleware's, say) is turned into its response by
/// actix-web after this middleware has returned: it is answered with the
/// installed policy.
///
/// ```
/// use actix_web::{web, App};
/// use skms_core::DetailPolicy;
///
/// const ADMIN: DetailPolicy = DetailPolicy::DEFAULT.show_server_error_details(true);
///
/// let app = App::new()
///     .service(web::scope("/api"))
///     .service(web::scope("/admin").wrap(ADMIN.actix_middleware()));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DetailPolicyMiddleware {
    policy: DetailPolicy,
}

impl DetailPolicy {
    /// The actix-web middleware that answers the SKMS errors of what it
    /// wraps with this policy; see [`DetailPolicyMiddleware`].
    #[must_use]
    pub const fn actix_middleware(self) -> DetailPolicyMiddleware {
        DetailPolicyMiddleware { policy: self }
    }
}

impl DetailPolicyMiddleware {
    /// The policy that the middleware puts in force.
    #[must_use]
    pub const fn policy(&self) -> DetailPolicy {
        self.policy
    }
}

impl<S, R, B> ::actix_web::dev::Transform<S, R> for DetailPolicyMiddleware
where
    S: ::actix_web::dev::Service<R, Response = ::actix_web::dev::ServiceResponse<B>>,
{
    type Response = ::actix_web::dev::ServiceResponse<crate::InPolicy<B>>;
    type Error = S::Error;
    type Transform = DetailPolicyService<S>;
    type InitError = ();
    type Future = core::future::Ready<Result<DetailPolicyService<S>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        core::future::ready(Ok(DetailPolicyService {
            service,
            policy: self.policy,
        }))
    }
}

/// The service that [`DetailPolicyMiddleware`] wraps around another.
#[derive(Debug)]
pub struct DetailPolicyService<S> {
    service: S,
    policy: DetailPolicy,
}

/// The responses are the wrapped service's, each body wrapped in an
/// [`InPolicy`](crate::InPolicy) that polls it with the policy in force.
impl<S, R, B> ::actix_web::dev::Service<R> for DetailPolicyService<S>
where
    S: ::actix_web::dev::Service<R, Response = ::actix_web::dev::ServiceResponse<B>>,
{
    type Response = ::actix_web::dev::ServiceResponse<crate::InPolicy<B>>;
    type Error = S::Error;
    type Future = DetailPolicyFuture<S::Future>;

    fn poll_ready(
        &self,
        cx: &mut core::task::Context<'_>,
    ) -> core::task::Poll<Result<(), S::Error>> {
        self.policy.scope(|| self.service.poll_ready(cx))
    }

    fn call(&self, request: R) -> Self::Future {
        DetailPolicyFuture {
            inner: self.policy.scope(|| self.service.call(request)),
            policy: self.policy,
        }
    }
}

pin_project_lite::pin_project! {
    /// The future of [`DetailPolicyService`]: the wrapped service's, polled
    /// with the policy in force, whose response's body is then polled with
    /// the policy in force too.
    #[derive(Debug)]
    pub struct DetailPolicyFuture<F> {
        #[pin]
        inner: F,
        policy: DetailPolicy,
    }
}

impl<F, B, E> core::future::Future for DetailPolicyFuture<F>
where
    F: core::future::Future<Output = Result<::actix_web::dev::ServiceResponse<B>, E>>,
{
    type Output = Result<::actix_web::dev::ServiceResponse<crate::InPolicy<B>>, E>;

    fn poll(
        self: core::pin::Pin<&mut Self>,
        cx: &mut core::task::Context<'_>,
    ) -> core::task::Poll<Self::Output> {
        let this = self.project();
        let policy = *this.policy;
        let inner = this.inner;
        policy
            .scope(|| inner.poll(cx))
            .map_ok(|response| response.map_body(|_, body| crate::InPolicy::new(policy, body)))
    }
}

/// The catalog endpoint of `E` as one service mounted at `path`: [`catalog`]
/// at `path` and [`catalog_entry`] at `path/{code}`, each for `GET` and for
/// `HEAD` (answered as `GET`, without the body, as axum answers it). A route
/// of `web::get()` alone answers `HEAD` with actix-web's 404.
///
/// ```
/// use actix_web::App;
/// use skms_core::StandardError;
///
/// let app = App::new().service(skms_core::actix_web::catalog_service::<StandardError>("/errors"));
/// ```
#[must_use]
pub fn catalog_service<E: crate::Catalog + 'static>(path: &str) -> ::actix_web::Scope {
    use ::actix_web::web;
    web::scope(path)
        .route("", web::get().to(catalog::<E>))
        .route("", web::head().to(catalog::<E>))
        .route("/{code}", web::get().to(catalog_entry::<E>))
        .route("/{code}", web::head().to(catalog_entry::<E>))
}

/// A handler that serves the composed catalog of `E`: `GET /errors`,
/// mounted wherever the service wants.
///
/// JSON ([`Listing::to_json`](crate::Listing::to_json)) by default; the
/// reference's Markdown table
/// ([`Listing::to_markdown`](crate::Listing::to_markdown)) when the
/// request's `Accept` prefers `text/markdown`. With [`catalog_entry`] for
/// one code, and for `HEAD` too, [`catalog_service`] mounts both; by hand:
///
/// ```
/// use actix_web::{web, App};
/// use skms_core::StandardError;
///
/// let app = App::new()
///     .route("/errors", web::get().to(skms_core::actix_web::catalog::<StandardError>))
///     .route("/errors", web::head().to(skms_core::actix_web::catalog::<StandardError>))
///     .route("/errors/{code}", web::get().to(skms_core::actix_web::catalog_entry::<StandardError>))
///     .route("/errors/{code}", web::head().to(skms_core::actix_web::catalog_entry::<StandardError>));
/// ```
pub async fn catalog<E: crate::Catalog>(request: ::actix_web::HttpRequest) -> HttpResponse {
    let format = crate::catalog_endpoint::Format::negotiate(accept(&request).as_deref());
    text_response(format, crate::catalog_endpoint::listing::<E>(format))
}

/// A handler that serves one code of the composed catalog of `E`, the last
/// segment of the request's path: `GET /errors/40013`. The code is a JSON
/// object (as [`catalog`] lists it), or a Markdown table of one row; a code
/// that the catalog does not hold, or a segment that is not a code, is
/// answered 404 with the SKMS body of
/// [`CodeNotInCatalog`](crate::CodeNotInCatalog).
pub async fn catalog_entry<E: crate::Catalog>(request: ::actix_web::HttpRequest) -> HttpResponse {
    let format = crate::catalog_endpoint::Format::negotiate(accept(&request).as_deref());
    let requested = crate::catalog_endpoint::last_segment(request.path());
    match crate::catalog_endpoint::entry::<E>(requested, format) {
        Ok(text) => text_response(format, text),
        Err(not_found) => error_response(&not_found),
    }
}

/// The request's `Accept` headers, every one of them, as one list.
fn accept(request: &::actix_web::HttpRequest) -> Option<Vec<u8>> {
    crate::catalog_endpoint::accept_headers(
        request
            .headers()
            .get_all(::actix_web::http::header::ACCEPT)
            .map(HeaderValue::as_bytes),
    )
}

/// A 200 answer of the catalog endpoint.
fn text_response(
    format: crate::catalog_endpoint::Format,
    text: std::string::String,
) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, format.content_type()))
        .insert_header((::actix_web::http::header::VARY, "accept"))
        .body(text)
}

/// An error handler for actix-web's extractor configurations, whose
/// rejection it answers with the SKMS error `E::from(rejection)` of a
/// [`Rejection`](crate::Rejection) (the rejection's status and text) where
/// actix-web would answer its plain text:
/// `JsonConfig::default().error_handler(rejection::<ShopError, _>)`, and
/// alike for `PathConfig`, `QueryConfig` and `FormConfig`, each of which
/// takes a function of its own error type.
///
/// [`Rejection::standard`](crate::Rejection::standard) gives the
/// reference's code where one fits (40105 "Required value is missing" for
/// a missing field); the service's `From<Rejection>` chooses its own for
/// the rest. `E` answers as every SKMS error does, its `ResponseError` with
/// the [`DetailPolicy`] in force.
///
/// ```
/// use actix_web::{web, App};
/// use skms_core::actix_web::{fallback, rejection};
/// use skms_core::{Rejection, SkmsError, StandardError};
///
/// #[derive(Debug, SkmsError)]
/// enum ShopError {
///     #[skms(code = 60400, status = 400, msg = "Malformed request", detail = "{0}")]
///     Malformed(String),
///     #[skms(code = 60404, status = 404, msg = "No such resource")]
///     NoSuchResource,
///     #[skms(transparent)]
///     Standard(StandardError),
/// }
///
/// impl From<Rejection> for ShopError {
///     fn from(rejection: Rejection) -> Self {
///         match (rejection.standard(), rejection.status()) {
///             (Some(standard), _) => ShopError::Standard(standard),
///             (None, 404) => ShopError::NoSuchResource,
///             (None, _) => ShopError::Malformed(rejection.text().to_owned()),
///         }
///     }
/// }
///
/// let app = App::new()
///     .app_data(web::JsonConfig::default().error_handler(rejection::<ShopError, _>))
///     .app_data(web::PathConfig::default().error_handler(rejection::<ShopError, _>))
///     .app_data(web::QueryConfig::default().error_handler(rejection::<ShopError, _>))
///     .default_service(web::to(fallback::<ShopError>));
/// ```
pub fn rejection<E, R>(refused: R, _request: &::actix_web::HttpRequest) -> ::actix_web::Error
where
    E: From<crate::Rejection> + ::actix_web::ResponseError + 'static,
    R: ::actix_web::ResponseError,
{
    let mut read = crate::Rejection::new(0, &refused);
    read.status = refused.status_code().as_u16();
    E::from(read).into()
}

/// A handler for a path that no route matches, `App::default_service(web::to(fallback::<E>))`
/// (or a scope's): the SKMS error `E::from(rejection)` of a
/// [`Rejection`](crate::Rejection) with status 404 and the text
/// `No route matches the path` (the path is not quoted), where actix-web
/// would answer an empty 404. The reference has no code for it (none of
/// its codes answers 404), so the service's `From<Rejection>` chooses one.
pub async fn fallback<E: From<crate::Rejection> + SkmsError>() -> HttpResponse {
    error_response(&E::from(crate::rejection::no_route()))
}

/// A handler for a method that a resource does not take,
/// `web::resource(path).default_service(web::to(method_not_allowed::<E>))`:
/// the SKMS error `E::from(rejection)` of a [`Rejection`](crate::Rejection)
/// with status 405 and the text `Method DELETE is not allowed here`, where
/// actix-web would answer an empty 405. A resource does not inherit the
/// app's default service, so each resource that should answer so says it
/// (a route added by `App::route` is a resource that cannot). The
/// reference has no code for it, so the service's `From<Rejection>`
/// chooses one.
///
/// ```
/// use actix_web::{web, App};
/// use skms_core::actix_web::method_not_allowed;
/// use skms_core::{Rejection, SkmsError};
///
/// #[derive(Debug, SkmsError)]
/// enum ShopError {
///     #[skms(code = 60405, status = 405, msg = "Method not allowed", detail = "{0}")]
///     MethodNotAllowed(String),
/// }
///
/// impl From<Rejection> for ShopError {
///     fn from(rejection: Rejection) -> Self {
///         ShopError::MethodNotAllowed(rejection.text().to_owned())
///     }
/// }
///
/// let app = App::new().service(
///     web::resource("/orders")
///         .route(web::get().to(|| async { "orders" }))
///         .default_service(web::to(method_not_allowed::<ShopError>)),
/// );
/// ```
pub async fn method_not_allowed<E: From<crate::Rejection> + SkmsError>(
    request: ::actix_web::HttpRequest,
) -> HttpResponse {
    error_response(&E::from(crate::rejection::method_not_allowed(
        request.method().as_str(),
    )))
}
