use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 60409, status = 409, msg = "Key already exists", grpc = "already_exists", grpc = "aborted")]
    KeyExists,
}

fn main() {}
