use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
#[skms(grpc = "failed_precondition")]
enum KmsError {
    #[skms(code = 60001, status = 400, msg = "Key disabled")]
    KeyDisabled,
}

fn main() {}
