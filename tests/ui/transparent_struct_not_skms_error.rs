use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
#[skms(transparent)]
struct KmsError(std::io::Error);

fn main() {}
