use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault", detail = "keyId : {1}")]
    KeyNotFound(String),
}

fn main() {}
