use skms_core::SkmsError;

const BASE: u32 = 40000;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = BASE + 13, status = 400, msg = "Key not found in the keyVault")]
    KeyNotFound,
}

fn main() {}
