use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed", doc = 60001)]
    Sealed,
}

fn main() {}
