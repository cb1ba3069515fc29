use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum VaultError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
}

#[derive(Debug, SkmsError)]
enum LicenseError {
    #[skms(code = 60001, status = 400, msg = "License expired")]
    Expired,
}

#[derive(Debug, SkmsError)]
enum ServiceError {
    #[skms(transparent)]
    Vault(VaultError),
    #[skms(transparent)]
    License(LicenseError),
}

fn main() {}
