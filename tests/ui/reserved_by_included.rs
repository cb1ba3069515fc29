use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
#[skms(reserved(60002 = "split into 60003 and 60004"))]
enum VaultError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
}

#[derive(Debug, SkmsError)]
enum GatewayError {
    #[skms(code = 60002, status = 502, msg = "Upstream failed")]
    Upstream,
    #[skms(transparent)]
    Vault(VaultError),
}

fn main() {}
