use skms_core::{SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(transparent)]
    Standard(StandardError, String),
}

fn main() {}
