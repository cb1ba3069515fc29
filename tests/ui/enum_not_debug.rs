use skms_core::SkmsError;

#[derive(SkmsError)]
enum KmsError {
    #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault")]
    KeyNotFound,
}

fn main() {}
