use skms_core::{SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(transparent = true)]
    Standard(StandardError),
}

fn main() {}
