use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 60001, detail = "vault {0}")]
    Sealed(String),
}

fn main() {}
