use skms_core::{SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 40101, status = 401, msg = "Token expired")]
    TokenExpired,
    #[skms(transparent)]
    Standard(StandardError),
}

fn main() {}
