use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault")]
    KeyNotFound,
    #[skms(code = 40013, status = 400, msg = "Key expired")]
    KeyExpired,
}

fn main() {}
