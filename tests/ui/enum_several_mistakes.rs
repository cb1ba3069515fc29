use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 40013, status = 400, mesage = "Key not found in the keyVault")]
    KeyNotFound { key_id: String },
    #[skms(code = 40014, status = 200, msg = "Key expired", detail = "keyId : {keyid}")]
    KeyExpired { key_id: String },
    #[skms(code = 40014, status = 400, msg = "Key disabled")]
    KeyDisabled,
    KeyRevoked,
    #[skms(transparent, code = 40101)]
    Standard(skms_core::StandardError),
}

fn main() {}
