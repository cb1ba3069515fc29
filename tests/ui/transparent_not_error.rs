use skms_core::SkmsError;

#[derive(Debug)]
struct Timeout {
    seconds: u64,
}

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(transparent)]
    Timeout { inner: Timeout },
}

fn main() {}
