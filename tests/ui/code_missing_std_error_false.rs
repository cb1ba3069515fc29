// A mistake in the attribute of a type whose Display and Error come from
// another derive: the one error is the mistake's, not a conflict of impls.
use skms_core::SkmsError;

#[derive(Debug, SkmsError, thiserror::Error)]
#[skms(std_error = false)]
enum KmsError {
    #[error("key not found")]
    #[skms(description = "the key is not in the vault")]
    KeyNotFound,
}

fn main() {
    let error = KmsError::KeyNotFound;
    let _: &dyn std::error::Error = &error;
    let _ = (error.code(), error.to_string());
}
