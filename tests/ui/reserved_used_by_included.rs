use skms_core::{SkmsError, StandardError};

// 40107 is a standard code, which the included catalog answers.
#[derive(Debug, SkmsError)]
#[skms(reserved(40010, 40106..=40109 = "merged into 40104"))]
enum KmsError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(transparent)]
    Standard(StandardError),
}

fn main() {}
