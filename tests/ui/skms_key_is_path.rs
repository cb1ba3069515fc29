use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(skms::code = 40013, status = 400, msg = "Key not found in the keyVault")]
    KeyNotFound,
}

fn main() {}
