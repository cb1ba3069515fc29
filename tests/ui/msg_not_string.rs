use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 40013, status = 400, msg = 40013)]
    KeyNotFound,
}

fn main() {}
