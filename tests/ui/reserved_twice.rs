use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
#[skms(reserved(60002, 60010..=60019, 60015))]
#[skms(reserved(60000..60003))]
enum KmsError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
}

fn main() {}
