use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
#[skms(code = 60001, status = 400, msg = "Key disabled", grpc = "ok")]
struct KeyDisabled;

fn main() {}
