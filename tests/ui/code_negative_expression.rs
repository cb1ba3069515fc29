use skms_core::SkmsError;

const CODE: u32 = 40013;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = -CODE, status = 400, msg = "Key not found in the keyVault")]
    KeyNotFound,
}

fn main() {}
