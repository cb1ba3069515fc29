//! A router's layer answers the SKMS errors of its response bodies too:
//! a gRPC response stream, polled as the response body after the layer's
//! future has finished, a streamed axum body, and (through the middleware)
//! a streamed actix-web body. The process installs a
//! permissive policy; the public server and router are strict through
//! their layers, and their clients must not receive a 5xx detail that
//! their stream writes. tests/grpc.rs checks the other way round (the
//! README's setup: strict installed, permissive admin layer).
//!
//! Its own test binary: it installs the policy of the process, and the
//! process-wide log capture.

#![cfg(any(feature = "tonic", feature = "axum", feature = "actix-web"))]

mod support;

use skms_core::{DetailPolicy, SkmsError};

#[derive(Debug, PartialEq, SkmsError)]
enum VaultError {
    #[skms(
        code = 50001,
        status = 500,
        msg = "An unexpected error has occurred in the internal system"
    )]
    Internal(#[skms(detail)] String),
}

/// The installed policy: every detail sent, 5xx included.
const PERMISSIVE: DetailPolicy = DetailPolicy::DEFAULT.show_server_error_details(true);

/// Installs [`PERMISSIVE`] for the whole process; every test calls it
/// before its first response, whichever runs first.
fn install_permissive() {
    let _ = PERMISSIVE.install();
    assert_eq!(DetailPolicy::installed(), PERMISSIVE);
}

/// A detail that a public client must never see.
fn internal_detail(server: &str) -> String {
    format!("Connect to hsm.vault.internal:8080 [10.14.10.171] failed ({server})")
}

/// An NDJSON answer written as it is polled: one line, then the SKMS error
/// that ends it, written with the policy in force then. Its chunks are `T`,
/// the bytes of the server's choice.
#[cfg(any(feature = "axum", feature = "actix-web"))]
struct Lines<T> {
    detail: String,
    written: usize,
    chunks: core::marker::PhantomData<fn() -> T>,
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
impl<T> Lines<T> {
    fn new(detail: String) -> Self {
        Lines {
            detail,
            written: 0,
            chunks: core::marker::PhantomData,
        }
    }
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
impl<T: From<Vec<u8>>> futures_core::Stream for Lines<T> {
    type Item = Result<T, core::convert::Infallible>;

    fn poll_next(
        mut self: core::pin::Pin<&mut Self>,
        _: &mut core::task::Context<'_>,
    ) -> core::task::Poll<Option<Self::Item>> {
        self.written += 1;
        core::task::Poll::Ready(match self.written {
            1 => Some(Ok(b"{\"watching\":true}\n".to_vec().into())),
            2 => {
                let error = VaultError::Internal(self.detail.clone());
                let mut line = DetailPolicy::in_force().to_json_vec(&error);
                line.push(b'\n');
                Some(Ok(line.into()))
            }
            _ => None,
        })
    }
}

/// The detail of `server`, fit for a path (no spaces, no brackets).
#[cfg(any(feature = "axum", feature = "actix-web"))]
fn path_detail(server: &str) -> String {
    internal_detail(server).replace([' ', '[', ']'], "_")
}

/// Asks `path` of the server at `address` for its lines: the body as sent
/// (chunked), which must hold the error's code.
#[cfg(any(feature = "axum", feature = "actix-web"))]
fn watched(address: std::net::SocketAddr, path: &str) -> String {
    let answer = support::tcp::get(address, path, &[]);
    assert_eq!(answer.status, 200);
    assert!(
        answer.body.contains(r#"{"watching":true}"#),
        "{}",
        answer.body
    );
    assert!(answer.body.contains(r#"{"code":50001,"#), "{}", answer.body);
    answer.body
}

#[cfg(feature = "tonic")]
#[path = "../examples/grpc/stream_method.rs"]
mod stream_method;
#[cfg(feature = "tonic")]
#[path = "../examples/grpc/text_codec.rs"]
mod text_codec;

#[cfg(feature = "tonic")]
mod grpc {
    use std::net::SocketAddr;

    use crate::stream_method::StreamMethod;
    use crate::text_codec::TextCodec;
    use skms_core::tonic::{CODE_KEY, DETAIL_KEY};
    use skms_core::DetailPolicy;
    use tonic::codegen::http;
    use tonic::transport::server::TcpIncoming;
    use tonic::transport::{Channel, Server};
    use tonic::{Code, Request, Status};

    use super::{install_permissive, internal_detail, VaultError};

    const WATCH: &str = "/skms.test.Vault/Watch";

    /// One message, then the stream fails with the 5xx error whose detail
    /// is the request's text, converted as the body is polled.
    fn watch(asked: &str, index: usize) -> Option<Result<String, Status>> {
        match index {
            0 => Some(Ok("watching".to_owned())),
            1 => Some(Err(Status::from(VaultError::Internal(asked.to_owned())))),
            _ => None,
        }
    }

    /// A client of a server of `Watch` on `127.0.0.1:0`, under `policy`
    /// (through its tower layer) or the installed one.
    async fn serve(policy: Option<DetailPolicy>) -> tonic::client::Grpc<Channel> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address: SocketAddr = listener.local_addr().unwrap();
        let incoming = TcpIncoming::from(listener);
        let service = StreamMethod {
            path: WATCH,
            handler: watch,
        };
        match policy {
            Some(policy) => tokio::spawn(
                Server::builder()
                    .layer(policy.layer())
                    .serve_with_incoming(service, incoming),
            ),
            None => tokio::spawn(Server::builder().serve_with_incoming(service, incoming)),
        };
        let channel = Channel::from_shared(format!("http://{address}"))
            .unwrap()
            .connect()
            .await
            .unwrap();
        tonic::client::Grpc::new(channel)
    }

    /// The status that the stream fails with, after its first message.
    async fn fail_in_stream(client: &mut tonic::client::Grpc<Channel>, asked: &str) -> Status {
        client.ready().await.unwrap();
        let path = http::uri::PathAndQuery::from_static(WATCH);
        let mut answers = client
            .server_streaming(Request::new(asked.to_owned()), path, TextCodec)
            .await
            .unwrap()
            .into_inner();
        assert_eq!(
            answers.message().await.unwrap().as_deref(),
            Some("watching")
        );
        answers.message().await.unwrap_err()
    }

    fn sent_detail(status: &Status) -> Option<String> {
        assert_eq!(status.code(), Code::Internal);
        assert_eq!(status.metadata().get(CODE_KEY).unwrap(), "50001");
        status
            .metadata()
            .get_bin(DETAIL_KEY)
            .map(|value| String::from_utf8(value.to_bytes().unwrap().to_vec()).unwrap())
    }

    #[tokio::test]
    async fn a_strict_layer_withholds_the_details_of_a_response_stream() {
        install_permissive();
        let log = crate::support::log::capture();

        let public_detail = internal_detail("grpc public");
        let mut public = serve(Some(DetailPolicy::DEFAULT)).await;
        let status = fail_in_stream(&mut public, &public_detail).await;
        assert_eq!(sent_detail(&status), None);
        assert!(
            !format!("{status:?}").contains("10.14.10.171"),
            "{status:?}"
        );
        assert_eq!(log.with_detail(&public_detail).len(), 1);

        // Without a layer, the installed policy sends it: what the layer
        // withheld above was its own doing.
        let internal_detail = internal_detail("grpc internal");
        let mut internal = serve(None).await;
        let status = fail_in_stream(&mut internal, &internal_detail).await;
        assert_eq!(sent_detail(&status), Some(internal_detail.clone()));
        assert!(log.with_detail(&internal_detail).is_empty());
    }
}

#[cfg(feature = "axum")]
mod axum_body {
    use axum::body::Body;
    use axum::extract::Path;
    use axum::routing::get;
    use axum::Router;
    use skms_core::DetailPolicy;

    use super::{install_permissive, path_detail, watched, Lines};
    use crate::support;

    async fn watch(Path(detail): Path<String>) -> Body {
        Body::from_stream(Lines::<Vec<u8>>::new(detail))
    }

    #[test]
    fn a_strict_layer_withholds_the_details_of_a_streamed_body() {
        install_permissive();
        let log = support::log::capture();

        let routes = || Router::new().route("/watch/{detail}", get(watch));
        let app = Router::new()
            .nest("/api", routes().layer(DetailPolicy::DEFAULT.layer()))
            .nest("/internal", routes());
        let server = support::servers::axum(app);

        let public_detail = path_detail("axum-public");
        let body = watched(server.address, &format!("/api/watch/{public_detail}"));
        assert!(!body.contains(&public_detail), "{body}");
        assert_eq!(log.with_detail(&public_detail).len(), 1);

        // Without a layer, the installed policy sends it.
        let internal_detail = path_detail("axum-internal");
        let body = watched(
            server.address,
            &format!("/internal/watch/{internal_detail}"),
        );
        assert!(body.contains(&internal_detail), "{body}");
        assert!(log.with_detail(&internal_detail).is_empty());
    }
}

#[cfg(feature = "actix-web")]
mod actix_body {
    use actix_web::{web, App, HttpResponse};
    use skms_core::DetailPolicy;

    use super::{install_permissive, path_detail, watched, Lines};
    use crate::support;

    async fn watch(detail: web::Path<String>) -> HttpResponse {
        HttpResponse::Ok().streaming(Lines::<web::Bytes>::new(detail.into_inner()))
    }

    #[test]
    fn a_strict_middleware_withholds_the_details_of_a_streamed_body() {
        install_permissive();
        let log = support::log::capture();

        let server = support::servers::actix(crate::actix_server!(|| App::new()
            .service(
                web::scope("/api")
                    .wrap(DetailPolicy::DEFAULT.actix_middleware())
                    .route("/watch/{detail}", web::get().to(watch)),
            )
            .service(web::scope("/internal").route("/watch/{detail}", web::get().to(watch)))));

        let public_detail = path_detail("actix-public");
        let body = watched(server.address, &format!("/api/watch/{public_detail}"));
        assert!(!body.contains(&public_detail), "{body}");
        assert_eq!(log.with_detail(&public_detail).len(), 1);

        // Without the middleware, the installed policy sends it.
        let internal_detail = path_detail("actix-internal");
        let body = watched(
            server.address,
            &format!("/internal/watch/{internal_detail}"),
        );
        assert!(body.contains(&internal_detail), "{body}");
        assert!(log.with_detail(&internal_detail).is_empty());
    }
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// The marked detail comes back as itself (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    round_trip::round_trips(&[
        VaultError::Internal(String::new()),
        VaultError::Internal("\"{0}\"".into()),
    ]);
}
