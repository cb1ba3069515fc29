//! A gRPC service of one server-streaming method whose messages are text
//! ([`TextCodec`]), written by hand as tonic-build would generate it, for
//! tests/grpc.rs and tests/policy_streams.rs. Any other method is
//! `UNIMPLEMENTED`.
//!
//! Its answers are computed as the response stream is polled, that is
//! while tonic's server polls the response body, after the service's future
//! has returned the response: an error that the stream yields is converted
//! into its `Status` there, as a service's stream of database rows or
//! events converts its errors.

use std::convert::Infallible;
use std::future::{ready, Ready};

use tonic::body::Body;
use tonic::codegen::tokio_stream;
use tonic::codegen::{http, BoxFuture, BoxStream, Context, Poll, Service};
use tonic::{Request, Response, Status};

use crate::text_codec::TextCodec;

/// The `index`th answer of the method to a request's text, computed when
/// the stream is polled for it; `None` ends the stream. A service converts
/// its errors into the `Status` with `?` or `Status::from`.
pub type Handler = fn(&str, usize) -> Option<Result<String, Status>>;

/// The service: the server-streaming method at `path`
/// (`/package.Service/Method`), answered by `handler`.
#[derive(Clone, Copy)]
pub struct StreamMethod {
    pub path: &'static str,
    pub handler: Handler,
}

impl Service<http::Request<Body>> for StreamMethod {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<http::Response<Body>, Infallible>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        let StreamMethod { path, handler } = *self;
        Box::pin(async move {
            if request.uri().path() != path {
                return Ok(Status::unimplemented("no such method").into_http());
            }
            Ok(tonic::server::Grpc::new(TextCodec)
                .server_streaming(Method(handler), request)
                .await)
        })
    }
}

/// The method, as tonic's server-streaming server calls it.
struct Method(Handler);

impl Service<Request<String>> for Method {
    type Response = Response<BoxStream<String>>;
    type Error = Status;
    type Future = Ready<Result<Response<BoxStream<String>>, Status>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Status>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<String>) -> Self::Future {
        let handler = self.0;
        let asked = request.into_inner();
        // Lazy: nothing is answered before the body is polled.
        let answers = (0..).map_while(move |index| handler(&asked, index));
        ready(Ok(Response::new(Box::pin(tokio_stream::iter(answers)))))
    }
}
