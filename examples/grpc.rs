//! A key vault over gRPC whose errors are SKMS errors: a tonic server on
//! `127.0.0.1` (a free port) and a tonic client in one program. The client
//! asks for a few keys, prints each status as it arrives (gRPC code,
//! message, SKMS metadata) and the typed error it rebuilds, then the program
//! exits. The detail of the 5xx failure is withheld from the client and
//! goes to the server's log, on stderr.
//!
//! Run it with `cargo run --example grpc --features tonic`.
//!
//! The service and its codec are written by hand (UTF-8 text messages,
//! `tonic::server::Grpc` and `tonic::client::Grpc`), so that the example
//! builds without `protoc`; a service generated from a `.proto` file
//! converts its errors the same way, with `?`.

#[path = "grpc/one_method.rs"]
mod one_method;
#[path = "grpc/text_codec.rs"]
mod text_codec;

use one_method::OneMethod;
use skms_core::tonic::{CODE_KEY, DETAIL_KEY};
use skms_core::{Decoded, SkmsError, StandardError};
use text_codec::TextCodec;
use tonic::codegen::http;
use tonic::transport::server::TcpIncoming;
use tonic::transport::{Channel, Server};
use tonic::{Request, Response, Status};

/// What the vault answers when it cannot give a key.
#[derive(Debug, SkmsError)]
enum VaultError {
    /// 4xx: the key id is sent, so the client can fix its request.
    #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault")]
    KeyNotFound(#[skms(detail)] String),

    /// 409 would be ABORTED; this conflict is "already exists".
    #[skms(
        code = 60409,
        status = 409,
        msg = "Key already exists",
        grpc = "already_exists"
    )]
    KeyExists(#[skms(detail)] String),

    /// 5xx: the detail describes the inside of the service; logged, withheld.
    #[skms(
        code = 50001,
        status = 500,
        msg = "An unexpected error has occurred in the internal system"
    )]
    Internal(#[skms(detail)] String),

    #[skms(transparent)]
    Standard(StandardError),
}

/// `GetKey`: the key of the id asked for.
fn get_key(key_id: &str) -> Result<String, VaultError> {
    match key_id {
        "0000001" => Ok("7c2f9a41d08e4b6c93a5f1e2d4b8c0a7".into()),
        "0000003" => Err(VaultError::Internal(
            "Connect to hsm.vault.internal:8080 [10.14.10.171] failed: Connection timed out".into(),
        )),
        "admin" => Err(VaultError::Standard(StandardError::PermissionDenied)),
        "new" => Err(VaultError::KeyExists("0000001".into())),
        _ => Err(VaultError::KeyNotFound(key_id.into())),
    }
}

/// The method `GetKey`: `?` turns a `VaultError` into a `tonic::Status`.
fn get_key_method(key_id: &str) -> Result<Response<String>, Status> {
    Ok(Response::new(get_key(key_id)?))
}

/// The service `vault.Vault`, with one method, `GetKey`.
const VAULT: OneMethod = OneMethod {
    path: "/vault.Vault/GetKey",
    handler: get_key_method,
};

/// One line for the status, one for what the client makes of it.
fn print_status(status: &Status) {
    let metadata = status.metadata();
    let code = metadata.get(CODE_KEY).and_then(|code| code.to_str().ok());
    let detail = metadata
        .get_bin(DETAIL_KEY)
        .and_then(|detail| detail.to_bytes().ok());
    println!(
        "  status {:?} {:?}, {CODE_KEY}: {}, {DETAIL_KEY}: {}",
        status.code(),
        status.message(),
        code.unwrap_or("-"),
        detail.map_or("-".into(), |detail| format!(
            "{:?}",
            String::from_utf8_lossy(&detail)
        )),
    );
    match Decoded::<VaultError>::from_status(status) {
        Ok(Some(decoded)) => match decoded.error() {
            Some(error) => println!("  decoded: {error:?}"),
            // A code the client's catalog does not know, or a variant it
            // cannot rebuild (here: its detail was withheld).
            None => println!("  decoded: not rebuilt, kept as received: {decoded}"),
        },
        Ok(None) => println!("  decoded: not an SKMS error, kept as the status it is"),
        Err(error) => println!("  decoded: {error}"),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The server's log: where the withheld detail goes.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .without_time()
        .init();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    tokio::spawn(Server::builder().serve_with_incoming(VAULT, TcpIncoming::from(listener)));

    let channel = Channel::from_shared(format!("http://{address}"))?
        .connect()
        .await?;
    let mut client = tonic::client::Grpc::new(channel);
    for (method, key_id) in [
        ("/vault.Vault/GetKey", "0000001"),
        ("/vault.Vault/GetKey", "0000009"),
        ("/vault.Vault/GetKey", "new"),
        ("/vault.Vault/GetKey", "0000003"),
        ("/vault.Vault/GetKey", "admin"),
        ("/vault.Vault/ListKeys", "-"),
    ] {
        println!("{method} {key_id}");
        client.ready().await?;
        let request = Request::new(key_id.to_owned());
        let path = http::uri::PathAndQuery::from_static(method);
        match client.unary(request, path, TextCodec).await {
            Ok(response) => println!("  ok: {}", response.get_ref()),
            Err(status) => print_status(&status),
        }
    }
    Ok(())
}
