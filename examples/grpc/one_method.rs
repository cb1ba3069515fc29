//! A gRPC service of one unary method whose messages are text
//! ([`TextCodec`]), written by hand as tonic-build would generate it, for
//! the example and tests/grpc.rs. Any other method is `UNIMPLEMENTED`.

use std::convert::Infallible;
use std::future::{ready, Ready};

use tonic::body::Body;
use tonic::codegen::{http, BoxFuture, Context, Poll, Service};
use tonic::{Request, Response, Status};

use crate::text_codec::TextCodec;

/// What the method answers for a request's text. A service converts its
/// errors into the `Status` with `?`.
pub type Handler = fn(&str) -> Result<Response<String>, Status>;

/// The service: the method at `path` (`/package.Service/Method`), answered
/// by `handler`.
#[derive(Clone, Copy)]
pub struct OneMethod {
    pub path: &'static str,
    pub handler: Handler,
}

impl Service<http::Request<Body>> for OneMethod {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<http::Response<Body>, Infallible>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        let OneMethod { path, handler } = *self;
        Box::pin(async move {
            if request.uri().path() != path {
                return Ok(Status::unimplemented("no such method").into_http());
            }
            Ok(tonic::server::Grpc::new(TextCodec)
                .unary(Method(handler), request)
                .await)
        })
    }
}

/// The method, as tonic's unary server calls it.
struct Method(Handler);

impl Service<Request<String>> for Method {
    type Response = Response<String>;
    type Error = Status;
    type Future = Ready<Result<Response<String>, Status>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Status>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<String>) -> Self::Future {
        ready((self.0)(request.get_ref()))
    }
}
