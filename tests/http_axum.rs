//! A real axum server on 127.0.0.1 answering with derived SKMS errors, read
//! by a real reqwest client: status, headers, body bytes, the log of the
//! withheld details, and the reqwest extension.

#![cfg(all(feature = "axum", feature = "reqwest"))]

mod support;

use std::future::IntoFuture;

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use support::vault::{self, VaultError};

async fn key(Path(key_id): Path<String>) -> Result<&'static str, VaultError> {
    match vault::error_of(&format!("/keys/{key_id}")) {
        None => Ok(vault::KEY_ONE),
        Some(error) => Err(error),
    }
}

async fn fail(uri: axum::http::Uri) -> VaultError {
    vault::error_of(uri.path()).unwrap()
}

async fn not_skms(uri: axum::http::Uri) -> Response {
    if uri.path() == vault::HUGE {
        return (StatusCode::INTERNAL_SERVER_ERROR, vault::huge_body()).into_response();
    }
    let &(_, status, content_type, body) = vault::NOT_SKMS
        .iter()
        .find(|(path, ..)| *path == uri.path())
        .unwrap();
    (
        StatusCode::from_u16(status).unwrap(),
        [(header::CONTENT_TYPE, content_type)],
        body,
    )
        .into_response()
}

fn router() -> Router {
    let mut router = Router::new()
        .route("/keys/{key_id}", get(key))
        .route("/sci", get(fail))
        .route("/revoked", get(fail))
        .route("/standard", get(fail))
        .route(vault::HUGE, get(not_skms));
    for (path, ..) in vault::NOT_SKMS {
        router = router.route(path, get(not_skms));
    }
    router
}

#[tokio::test]
async fn axum_serves_skms_errors_that_reqwest_reads() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(
        axum::serve(listener, router())
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .into_future(),
    );

    vault::check_server(&format!("http://{address}")).await;

    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[test]
fn the_standard_catalog_is_an_axum_response() {
    let response = skms_core::StandardError::InvalidToken.into_response();
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["content-type"], "application/json");
}
