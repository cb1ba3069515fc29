use skms_core::{SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(transparent, code = 40013)]
    Standard(StandardError),
}

fn main() {}
