// A mistake in the attribute is the one error: the type still implements
// what the derive promises, so its uses report nothing more.
use skms_core::{Catalog, SkmsError};

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(description = "the key is not in the vault")]
    KeyNotFound,
}

#[derive(Debug, SkmsError)]
enum Generic<T>
where
    T: Clone,
{
    #[skms(status = 400, msg = "Key not found in the keyVault")]
    KeyNotFound(T),
}

fn answer<E: SkmsError + Catalog + std::error::Error + serde::Serialize>(
    error: &E,
) -> (u32, String, String, usize) {
    let body = serde_json::to_string(error).unwrap();
    (error.code(), error.to_string(), body, E::ENTRIES.len())
}

fn main() {
    let _ = answer(&KmsError::KeyNotFound);
    let _ = answer(&Generic::KeyNotFound(7_u8));
}
