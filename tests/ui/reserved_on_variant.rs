use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed", reserved(60002))]
    Sealed,
    #[skms(code = 60003, status = 503, msg = "Vault sealed", reserve(60004))]
    Misspelt,
}

fn main() {}
