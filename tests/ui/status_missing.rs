use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 40013, msg = "Key not found in the keyVault")]
    KeyNotFound,
}

fn main() {}
