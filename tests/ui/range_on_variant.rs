use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed", range = 60000..=60999)]
    Sealed,
}

fn main() {}
