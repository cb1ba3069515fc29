//! A [`DetailPolicy`] per router: a `tower` layer.
//!
//! One process often serves a public API and an internal one (an admin
//! router, service-to-service calls), which must expose different details.
//! [`DetailPolicyLayer`] answers the SKMS errors of the service it wraps
//! with its own policy; the rest of the process keeps the installed one:
//!
//! ```
//! use axum::routing::get;
//! use axum::Router;
//! use skms_core::{DetailPolicy, StandardError};
//!
//! async fn key() -> Result<String, StandardError> {
//!     Err(StandardError::KeyNotFound)
//! }
//!
//! // Administrators see the details of 5xx errors too; the public API keeps
//! // the installed policy.
//! const ADMIN: DetailPolicy = DetailPolicy::DEFAULT.show_server_error_details(true);
//!
//! let public_routes = Router::new().route("/keys/{id}", get(key));
//! let admin_routes = Router::new().route("/keys/{id}", get(key));
//! let app: Router = Router::new()
//!     .nest("/api", public_routes)
//!     .nest("/admin", admin_routes.layer(ADMIN.layer()));
//! ```
//!
//! It works with any `tower::Service` that answers `http::Response`s
//! (axum's routers, tonic's servers, hyper's services), whatever its request
//! type: while the wrapped service's future is polled, and then while the
//! body of its response is polled, its policy is
//! [in force](DetailPolicy::in_force) on that thread
//! ([`DetailPolicy::scope`]), and every SKMS error converted into a
//! response there (axum's `IntoResponse`, `http::Response::from`,
//! `tonic::Status::from`) is answered with it. A withheld detail is logged
//! once, by the conversion that withholds it, and never sent.
//!
//! The body matters: a gRPC server-streaming method's stream is polled as
//! the response body, after the service's future has returned the response,
//! and so is a streamed axum body. Each error that such a stream yields
//! (`Err(Status::from(error))`) is answered with the layer's policy too:
//! `Server::builder().layer(policy.layer())` covers all that the server
//! sends.
//!
//! Only `tower-layer`, `tower-service`, `http` and `http-body` are needed
//! (axum, tonic and hyper already depend on all four); feature `axum` turns
//! this one on.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::{DetailPolicy, InPolicy};

impl DetailPolicy {
    /// A `tower` layer that answers the SKMS errors of the service it wraps
    /// with this policy, those of its response bodies (gRPC response
    /// streams, streamed bodies) included; see
    /// [`skms_core::tower`](crate::tower).
    #[must_use]
    pub const fn layer(self) -> DetailPolicyLayer {
        DetailPolicyLayer { policy: self }
    }
}

/// A `tower::Layer` that puts its [`DetailPolicy`] in force while the
/// service it wraps runs and while the bodies of its responses are polled:
/// `router.layer(policy.layer())`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DetailPolicyLayer {
    policy: DetailPolicy,
}

impl DetailPolicyLayer {
    /// The layer of `policy`, as [`DetailPolicy::layer`].
    #[must_use]
    pub const fn new(policy: DetailPolicy) -> Self {
        DetailPolicyLayer { policy }
    }

    /// The policy that the layer puts in force.
    #[must_use]
    pub const fn policy(&self) -> DetailPolicy {
        self.policy
    }
}

impl<S> tower_layer::Layer<S> for DetailPolicyLayer {
    type Service = DetailPolicyService<S>;

    fn layer(&self, inner: S) -> DetailPolicyService<S> {
        DetailPolicyService {
            inner,
            policy: self.policy,
        }
    }
}

/// The service that [`DetailPolicyLayer`] wraps around another.
#[derive(Clone, Copy, Debug)]
pub struct DetailPolicyService<S> {
    inner: S,
    policy: DetailPolicy,
}

impl<S> DetailPolicyService<S> {
    /// The wrapped service.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// The policy that the service puts in force.
    #[must_use]
    pub const fn policy(&self) -> DetailPolicy {
        self.policy
    }
}

/// The responses are the wrapped service's, each body wrapped in an
/// [`InPolicy`] that polls it with the policy in force.
impl<S, R, B> tower_service::Service<R> for DetailPolicyService<S>
where
    S: tower_service::Service<R, Response = http::Response<B>>,
{
    type Response = http::Response<InPolicy<B>>;
    type Error = S::Error;
    type Future = DetailPolicyFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        let inner = &mut self.inner;
        self.policy.scope(|| inner.poll_ready(cx))
    }

    fn call(&mut self, request: R) -> DetailPolicyFuture<S::Future> {
        let inner = &mut self.inner;
        DetailPolicyFuture {
            inner: self.policy.scope(|| inner.call(request)),
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

impl<F, B, E> Future for DetailPolicyFuture<F>
where
    F: Future<Output = Result<http::Response<B>, E>>,
{
    type Output = Result<http::Response<InPolicy<B>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let policy = *this.policy;
        let inner = this.inner;
        policy
            .scope(|| inner.poll(cx))
            .map_ok(|response| response.map(|body| InPolicy::new(policy, body)))
    }
}
