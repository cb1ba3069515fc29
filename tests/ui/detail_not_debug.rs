use skms_core::SkmsError;

struct KeyId(u64);

impl std::fmt::Debug for KmsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KmsError")
    }
}

#[derive(SkmsError)]
enum KmsError {
    #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault", detail = "keyId : {0:?}")]
    KeyNotFound(KeyId),
}

fn main() {}
