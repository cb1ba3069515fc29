use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 40013, detail = "keyId : {key_id}")]
    KeyNotFound {
        #[skms(detail)]
        key_id: String,
    },
    #[skms(code = 40003)]
    Header(#[skms(detail)] String, #[skms(detail)] String),
    #[skms(transparent)]
    Standard(#[skms(detail)] skms_core::StandardError),
}

fn main() {}
