use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 40013, status = 400)]
    #[skms(msg = "Key not found in the keyVault", status = 404)]
    KeyNotFound,
}

fn main() {}
