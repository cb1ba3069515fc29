use skms_core::{SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(transparent, grpc = "internal")]
    Standard(StandardError),
}

fn main() {}
