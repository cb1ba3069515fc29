use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
#[skms(code = 40013, status = 400, msg = "Key not found in the keyVault", serde = "x")]
struct KeyNotFound;

fn main() {}
