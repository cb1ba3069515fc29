//! `InPolicy`: a future, or a response body, polled with a [`DetailPolicy`]
//! in force: what the per-router layer (`tower`) and middleware
//! (`actix-web`) wrap around the bodies of the responses of the services
//! they wrap, which are polled after the services' futures have finished.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::DetailPolicy;

pin_project_lite::pin_project! {
    /// A future or a response body polled with a [`DetailPolicy`] in force
    /// ([`DetailPolicy::scope`] around each poll): the body of every
    /// response of the `tower` layer (an `http_body::Body`) and of the
    /// actix-web middleware (a `MessageBody`) of a policy, which is polled
    /// after the service's future has finished; around a future, what runs
    /// a task of one's own with a policy in force.
    #[derive(Debug)]
    pub struct InPolicy<F> {
        #[pin]
        inner: F,
        policy: DetailPolicy,
    }
}

impl<F> InPolicy<F> {
    /// `inner`, to be polled with `policy` in force.
    pub const fn new(policy: DetailPolicy, inner: F) -> Self {
        InPolicy { inner, policy }
    }
}

impl<F: Future> Future for InPolicy<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let inner = this.inner;
        this.policy.scope(|| inner.poll(cx))
    }
}

/// A response body whose frames are produced with the policy in force: a
/// gRPC response stream converts the errors it yields into statuses there
/// (`Status::from(error)`), a streamed HTTP body writes its SKMS errors
/// there, long after the service's future has returned the response.
#[cfg(feature = "tower")]
impl<B: http_body::Body> http_body::Body for InPolicy<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<B::Data>, B::Error>>> {
        let this = self.project();
        let inner = this.inner;
        this.policy.scope(|| inner.poll_frame(cx))
    }

    // Neither writes a frame: no scope. Forwarded, so that hyper still
    // sends the length of a body whose length is known, and ends a stream
    // without waiting for an empty frame.
    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// An actix-web response body whose chunks are produced with the policy in
/// force: a streaming body (`HttpResponse::streaming`) writes its SKMS
/// errors there, after the service's future has returned the response.
#[cfg(feature = "actix-web")]
impl<B: ::actix_web::body::MessageBody> ::actix_web::body::MessageBody for InPolicy<B> {
    type Error = B::Error;

    // Writes no chunk: no scope.
    fn size(&self) -> ::actix_web::body::BodySize {
        self.inner.size()
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<::actix_web::web::Bytes, B::Error>>> {
        let this = self.project();
        let inner = this.inner;
        this.policy.scope(|| inner.poll_next(cx))
    }

    // A body that is already bytes (a `Result<_, E>` answered by a
    // handler) stays bytes, which actix-web sends without polling; it
    // was written in the service's future, with the policy in force.
    fn try_into_bytes(self) -> Result<::actix_web::web::Bytes, Self> {
        let InPolicy { inner, policy } = self;
        inner
            .try_into_bytes()
            .map_err(|inner| InPolicy::new(policy, inner))
    }
}
