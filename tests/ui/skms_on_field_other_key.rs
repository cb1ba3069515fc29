use skms_core::SkmsError;

// A field takes #[skms(detail)] alone: another key, even without a value,
// and `detail` with a value are refused.
#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault")]
    KeyNotFound {
        #[skms(code)]
        key_id: String,
        #[skms(detail = "{vault}")]
        vault: String,
    },
}

fn main() {}
