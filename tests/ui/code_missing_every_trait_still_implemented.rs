// A mistake in the attribute is the one error: the type still implements
// every trait that the derive writes, so that using it where any of them
// is needed reports nothing more. (The integrations' traits are written
// by the same `integrations!` call as the derive's, which skms-derive's
// unit test `the_fallback_implements_what_the_derive_does` checks: the
// features of skms-core are off in this suite.)
use skms_core::{Catalog, Decoded, ErrorBody, FromBody, SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(status = 400, msg = "Key not found in the keyVault")]
    KeyNotFound,
    #[skms(code = 60001, status = 500, msg = "Storage failed")]
    Storage(#[from] std::io::Error),
    #[skms(transparent)]
    Standard(#[from] StandardError),
}

#[derive(Debug, SkmsError)]
enum Generic<T: std::fmt::Debug> {
    #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault", detal = "{0:?}")]
    KeyNotFound(T),
}

fn every_trait<E>()
where
    E: SkmsError + Catalog + FromBody + serde::Serialize + std::fmt::Display + std::error::Error,
{
}

fn store() -> Result<(), KmsError> {
    Err(std::io::Error::other("disk full"))?;
    Err(StandardError::InvalidToken)?
}

fn main() {
    every_trait::<KmsError>();
    every_trait::<Generic<u8>>();
    let body = br#"{"code":40013,"message":"Key not found in the keyVault"}"#;
    let _ = Decoded::<KmsError>::from_slice(body);
    let body = ErrorBody::from_slice(body).unwrap();
    let _: Option<Generic<u8>> = FromBody::from_body(&body);
    let _ = store();
}
