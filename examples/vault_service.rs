//! A key-vault service that composes the standard catalog with its own range
//! of codes: the derive checks at compile time that no code means two things,
//! and the service lists and publishes its whole catalog.
//!
//! Run it with `cargo run --example vault_service`.

use skms_core::{Catalog, DetailPolicy, SkmsError, StandardError};

/// The vault team owns the codes 60000 to 60999: a code outside them does
/// not compile.
#[derive(Debug, SkmsError)]
#[skms(range = 60000..=60999)]
enum VaultError {
    #[skms(
        code = 60001,
        status = 503,
        msg = "Vault sealed",
        description = "the vault is sealed until an operator unseals it",
        doc = "https://docs.example.com/vault/60001"
    )]
    Sealed,

    #[skms(
        code = 60002,
        status = 400,
        msg = "Key version not found",
        detail = "keyId : {key_id}, version : {version}"
    )]
    VersionNotFound { key_id: String, version: u32 },

    /// The standard 40013, with the key in the detail: status and message
    /// are the reference's, so they cannot drift from it.
    #[skms(code = 40013, detail = "keyId : {0}")]
    KeyNotFound(String),

    /// Never sent to a client with its detail: it names internal hosts.
    #[skms(code = 50001, detail = "{0}", internal_detail)]
    Upstream(String),

    #[skms(transparent)]
    Standard(StandardError),
}

fn main() {
    let errors = [
        VaultError::Sealed,
        VaultError::VersionNotFound {
            key_id: "0000009".into(),
            version: 3,
        },
        VaultError::KeyNotFound("0000009".into()),
        VaultError::Standard(StandardError::InvalidToken),
        VaultError::Upstream("Connect to devkms.internal:8080 [10.14.10.171] failed".into()),
    ];
    // `to_json_vec` (and serde) write the whole body: for a log, a test,
    // another trusted service. A client receives what a `DetailPolicy`
    // sends, as every integration answers (axum, actix-web, tonic): the
    // default policy withholds a 5xx detail and an internal one.
    for error in &errors {
        let body = skms_core::to_json_vec(error);
        let sent = DetailPolicy::DEFAULT.to_json_vec(error);
        let exposure = error.detail_exposure();
        println!(
            "{} {} (detail: {exposure:?})\n    a client receives {}",
            error.status(),
            String::from_utf8_lossy(&body),
            String::from_utf8_lossy(&sent)
        );
    }

    let catalog = VaultError::catalog();
    println!("\nThe vault's catalog: {} codes.\n", catalog.len());
    for listed in catalog.iter().take(6) {
        let via = if listed.path.is_empty() {
            String::new()
        } else {
            format!(" (through {})", listed.path.join(" > "))
        };
        println!(
            "{} {} {:?}: `{}`{via}",
            listed.entry.code, listed.entry.status, listed.entry.message, listed.entry.variant
        );
    }
    println!("...\n\n{}", catalog.to_markdown());
}
