use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
#[skms(serde = false)]
enum KmsError {
    #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault")]
    KeyNotFound,
}

fn main() {}
