use skms_core::{SkmsError, StandardError};

#[derive(Debug, SkmsError)]
#[skms(deprecated)]
enum KmsError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed", deprecated = 60002)]
    Sealed,
    #[skms(code = 60003, status = 503, msg = "Vault gone", deprecated("use 60004"))]
    Gone,
    #[skms(code = 60005, status = 503, msg = "Vault moved", deprecated, deprecated = "twice")]
    Moved,
    #[skms(transparent, deprecated)]
    Standard(StandardError),
}

fn main() {}
