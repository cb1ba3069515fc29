//! A small key-vault service's errors, and the SKMS bodies they answer with.
//!
//! Run it with `cargo run --example quickstart`.

use skms_core::{SkmsError, StandardError};

/// The errors of a key-vault service: two codes of its own, and every code
/// of the standard catalog.
#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {key_id}"
    )]
    KeyNotFound { key_id: String },

    #[skms(
        code = 40003,
        status = 400,
        msg = "Failed create header",
        detail = "{0}"
    )]
    CreateHeader(u32),

    #[skms(transparent)]
    Standard(StandardError),
}

fn main() {
    let errors = [
        KmsError::KeyNotFound {
            key_id: "0000009".into(),
        },
        KmsError::CreateHeader(4020),
        KmsError::Standard(StandardError::InvalidToken),
        KmsError::Standard(StandardError::InternalError),
    ];
    for error in &errors {
        let body = serde_json::to_string(error).expect("an SKMS body always serializes");
        println!("{} {body}", error.status());
    }
    println!();
    println!("as Display: {}", errors[0]);
}
