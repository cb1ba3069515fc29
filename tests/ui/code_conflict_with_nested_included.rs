use skms_core::{SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(transparent)]
    Standard(StandardError),
}

#[derive(Debug, SkmsError)]
enum GatewayError {
    #[skms(transparent)]
    Kms(KmsError),
}

#[derive(Debug, SkmsError)]
enum ServiceError {
    #[skms(code = 50001, status = 503, msg = "Gateway unavailable")]
    Unavailable,
    #[skms(transparent)]
    Gateway(GatewayError),
}

fn main() {}
