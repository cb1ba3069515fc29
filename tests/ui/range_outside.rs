use skms_core::{SkmsError, StandardError};

#[derive(Debug, SkmsError)]
#[skms(range = 60000..=60999)]
enum KmsError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(code = 61000, status = 400, msg = "Vault full")]
    Full,
    #[skms(code = 40013, detail = "keyId : {0}")]
    KeyNotFound(String),
    #[skms(transparent)]
    Standard(StandardError),
}

fn main() {}
