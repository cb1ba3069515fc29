use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
#[skms(reserved(60002, 60010..=60019 = "the old sealing API"))]
enum KmsError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(code = 60012, status = 400, msg = "Seal key missing")]
    SealKeyMissing,
    // A reused standard code is checked too.
    #[skms(code = 60002, status = 400, msg = "Key disabled")]
    KeyDisabled,
}

fn main() {}
