use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(transparent, internal_detail)]
    Standard(skms_core::StandardError),
}

fn main() {}
