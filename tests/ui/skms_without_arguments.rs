use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms]
    KeyNotFound,
}

fn main() {}
