use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(transparent)]
    Standard,
}

fn main() {}
