use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 50001, status = 500, msg = "Internal", detail = "{0}", public_detail, internal_detail)]
    Internal(String),
}

fn main() {}
