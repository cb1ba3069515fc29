use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 40013, status = 200, msg = "Key not found in the keyVault")]
    KeyNotFound,
    #[skms(code = 50000, status = 600, msg = "Internal error")]
    Internal,
}

fn main() {}
