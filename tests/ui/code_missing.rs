use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(description = "the key is not in the vault")]
    KeyNotFound,
}

fn main() {}
