use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
#[skms(reserved(60002, "60003", 60010..=60005, 60020..60020, 4294967296, 60030 = 5, 60040u16))]
enum KmsError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
}

#[derive(Debug, SkmsError)]
#[skms(reserved = 60002)]
enum NoParentheses {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
}

#[derive(Debug, SkmsError)]
#[skms(reserved())]
enum Empty {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
}

fn main() {}
