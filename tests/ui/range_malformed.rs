use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
#[skms(range = 60000)]
enum KmsError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
}

#[derive(Debug, SkmsError)]
#[skms(range = 60999..=60000)]
enum Backwards {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
}

fn main() {}
