//! The reqwest extension against a server that misbehaves below HTTP
//! frameworks: a raw socket on 127.0.0.1 that answers each connection with
//! the bytes it is given, so that a body can be cut short or not be UTF-8.

#![cfg(feature = "reqwest")]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

use skms_core::reqwest::{ErrorContent, SkmsHttpError, SkmsResponseExt};

/// Answers one request with `response`, then closes the connection; returns
/// the server's address.
fn answer_once(response: &'static [u8]) -> (String, thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let server = thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut request = Vec::new();
        let mut buffer = [0; 1024];
        while !request.ends_with(b"\r\n\r\n") {
            let read = stream.read(&mut buffer).unwrap();
            assert_ne!(read, 0, "the client closed before the end of its request");
            request.extend_from_slice(&buffer[..read]);
        }
        stream.write_all(response).unwrap();
    });
    (format!("http://{address}/"), server)
}

/// What the reqwest extension makes of `response`, answered once.
async fn fetch_once(response: &'static [u8]) -> Result<reqwest::Response, SkmsHttpError> {
    let (url, server) = answer_once(response);
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let sent = client.get(url).send().await.unwrap();
    let result = sent.skms_error_for_status().await;
    server.join().unwrap();
    result
}

async fn error_for(response: &'static [u8]) -> SkmsHttpError {
    fetch_once(response).await.unwrap_err()
}

#[tokio::test]
async fn a_body_cut_short_keeps_the_status_and_the_cause() {
    let error = error_for(
        b"HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\n\
          content-length: 100\r\nconnection: close\r\n\r\n{\"code\":50001,",
    )
    .await;
    assert_eq!(error.status(), 500);
    assert!(matches!(error.content(), ErrorContent::Unreadable(_)));
    assert_eq!(error.body(), None);
    assert_eq!(error.text(), None);
    assert_eq!(
        error.to_string(),
        "HTTP 500 Internal Server Error, and the body could not be read"
    );
    let source = std::error::Error::source(&error).expect("the reqwest error");
    assert!(source.is::<reqwest::Error>());
}

#[tokio::test]
async fn a_body_that_is_not_utf8_is_kept_as_text() {
    let error = error_for(
        b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 4\r\nconnection: close\r\n\r\n\xffok\xfe",
    )
    .await;
    assert_eq!(error.status(), 502);
    assert_eq!(error.text(), Some("\u{fffd}ok\u{fffd}"));
}

#[tokio::test]
async fn a_redirect_or_a_success_is_not_an_error() {
    for response in [
        &b"HTTP/1.1 304 Not Modified\r\nconnection: close\r\n\r\n"[..],
        &b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n"[..],
    ] {
        let response = fetch_once(response).await.unwrap();
        assert!(response.status() == 304 || response.status() == 204);
    }
}

#[test]
fn the_error_crosses_threads() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<SkmsHttpError>();
    send_sync::<ErrorContent>();
}
