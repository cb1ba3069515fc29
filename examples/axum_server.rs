//! A small key-vault API on axum whose errors are SKMS errors.
//!
//! Run it with `cargo run --example axum_server --features axum` and try the
//! curl commands of the README. A key the vault does not hold answers 40013
//! with its id in the detail; key 0000003 lives in a remote HSM that does not
//! answer, so it answers 50001, and the detail of that failure (the HSM's
//! URL, host name and address) goes to this program's log, not to the
//! client. The same keys under `/admin` answer with a policy that shows
//! administrators the details of 5xx errors too (a `DetailPolicyLayer` on
//! that router only), and `/errors` serves the catalog of the vault's codes
//! (`/errors/40013` one code; `accept: text/markdown` for the reference's
//! table).
//!
//! Each request runs in a span of tower-http's `TraceLayer` made by
//! `skms_core::observe::http_span`, on which every answered SKMS error
//! records its code (`error.type`, `skms.code`): the log line of a withheld
//! detail carries it. `/metrics` serves the counter `skms_errors_total` of
//! the answered errors, by code, status and transport, in Prometheus's text
//! format (metrics-exporter-prometheus, rendered by a handler).
//!
//! `SKMS_ADDR` sets the address to listen on (default `127.0.0.1:3000`).

use axum::extract::Path;
use axum::routing::get;
use axum::Router;
use skms_core::axum::{catalog, catalog_entry};
use skms_core::{DetailPolicy, SkmsError, StandardError};
use tower_http::trace::TraceLayer;

/// What the vault answers when it cannot give a key.
#[derive(Debug, SkmsError)]
enum VaultError {
    /// A 4xx detail is sent: the client needs the id to fix its request.
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {key_id}"
    )]
    KeyNotFound { key_id: String },

    /// A 5xx detail is logged and withheld: it describes the inside of the
    /// service.
    #[skms(
        code = 50001,
        status = 500,
        msg = "An unexpected error has occurred in the internal system",
        detail = "{0}"
    )]
    Internal(String),

    #[skms(transparent)]
    Standard(StandardError),
}

/// The keys the vault holds itself.
const KEYS: &[(&str, &str)] = &[
    ("0000001", "7c2f9a41d08e4b6c93a5f1e2d4b8c0a7"),
    ("0000002", "e91b3d5f7a2c4e6089b1d3f5a7c9e0b2"),
];

/// `GET /keys/{key_id}`: the key, as text.
async fn get_key(Path(key_id): Path<String>) -> Result<&'static str, VaultError> {
    if let Some((_, key)) = KEYS.iter().find(|(id, _)| *id == key_id) {
        return Ok(key);
    }
    if key_id == "0000003" {
        // Held by a remote HSM, which is down: the failure names the HSM.
        return Err(VaultError::Internal(format!(
            "I/O error on GET request for \"https://hsm.vault.internal:8080/drm/key/{key_id}\": \
             Connect to hsm.vault.internal:8080 [hsm.vault.internal/10.14.10.171] failed: \
             Connection timed out"
        )));
    }
    Err(VaultError::KeyNotFound { key_id })
}

/// `DELETE /keys/{key_id}`: this vault is read-only.
async fn delete_key(Path(_key_id): Path<String>) -> Result<(), VaultError> {
    Err(VaultError::Standard(StandardError::PermissionDenied))
}

/// What administrators may see: every detail but those marked internal.
const ADMIN: DetailPolicy = DetailPolicy::DEFAULT.show_server_error_details(true);

/// The vault's routes (public to the crate: tests/http_example.rs serves them).
pub(crate) fn router() -> Router {
    let admin = Router::new()
        .route("/keys/{key_id}", get(get_key))
        .layer(ADMIN.layer());
    Router::new()
        .route("/keys/{key_id}", get(get_key).delete(delete_key))
        .route("/errors", get(catalog::<VaultError>))
        .route("/errors/{code}", get(catalog_entry::<VaultError>))
        .nest("/admin", admin)
        // A span per request, which declares the fields of the SKMS code.
        .layer(TraceLayer::new_for_http().make_span_with(skms_core::observe::http_span))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    // The withheld details are logged through tracing: print them.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .without_time()
        .init();

    // The counter of answered errors, kept by the Prometheus recorder and
    // rendered at `/metrics` (outside the traced routes).
    let prometheus = metrics_exporter_prometheus::PrometheusBuilder::new()
        .install_recorder()
        .expect("the only metrics recorder of the process");
    skms_core::observe::describe_metrics();
    let app = router().route(
        "/metrics",
        get(move || std::future::ready(prometheus.render())),
    );

    let address = std::env::var("SKMS_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    println!("key vault listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
