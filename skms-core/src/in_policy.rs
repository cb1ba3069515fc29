//! `InPolicy`: a future polled with a [`DetailPolicy`] in force, what the
//! per-router layer (`tower`) and middleware (`actix-web`) wrap around the
//! futures of the services they wrap.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::DetailPolicy;

pin_project_lite::pin_project! {
    /// A future polled with a [`DetailPolicy`] in force
    /// ([`DetailPolicy::scope`] around each poll): what the `tower` layer
    /// and the actix-web middleware of a policy return.
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
