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
//! It works with any `tower::Service`, whatever its request and response
//! types: while the wrapped service's future is polled, its policy is
//! [in force](DetailPolicy::in_force) on that thread
//! ([`DetailPolicy::scope`]), and every SKMS error converted into a
//! response there (axum's `IntoResponse`, `http::Response::from`) is
//! answered with it. A withheld detail is logged once, by the conversion
//! that withholds it, and never sent.
//!
//! Only `tower-layer` and `tower-service` are needed (axum already depends
//! on both); feature `axum` turns this one on.

use core::task::{Context, Poll};

use crate::{DetailPolicy, InPolicy};

impl DetailPolicy {
    /// A `tower` layer that answers the SKMS errors of the service it wraps
    /// with this policy; see [`skms_core::tower`](crate::tower).
    #[must_use]
    pub const fn layer(self) -> DetailPolicyLayer {
        DetailPolicyLayer { policy: self }
    }
}

/// A `tower::Layer` that puts its [`DetailPolicy`] in force while the
/// service it wraps runs: `router.layer(policy.layer())`.
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

impl<S, R> tower_service::Service<R> for DetailPolicyService<S>
where
    S: tower_service::Service<R>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = InPolicy<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        let inner = &mut self.inner;
        self.policy.scope(|| inner.poll_ready(cx))
    }

    fn call(&mut self, request: R) -> InPolicy<S::Future> {
        let inner = &mut self.inner;
        InPolicy::new(self.policy, self.policy.scope(|| inner.call(request)))
    }
}
