use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 40013, status = 400, mesage = "Key not found in the keyVault")]
    KeyNotFound,
}

fn main() {}
