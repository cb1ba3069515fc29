use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 60409, status = 409, msg = "Key already exists", grpc = "ALREADY_EXISTS")]
    KeyExists,
    #[skms(code = 60410, status = 409, msg = "Key version conflict", grpc = "conflict")]
    VersionConflict,
}

fn main() {}
